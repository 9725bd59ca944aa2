import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';

/** What the AWS signer hands its hash (smithy's `SourceData`). */
type SourceData = string | ArrayBuffer | ArrayBufferView;

const bytesOf = (data: SourceData): string | Uint8Array =>
  typeof data === 'string'
    ? data
    : data instanceof ArrayBuffer
      ? new Uint8Array(data)
      : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

/** SHA-256 from node:crypto in the shape the AWS signer takes. */
class NodeSha256 {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: SourceData) {
    this.hash = this.fresh();
  }
  private fresh(): Hash | Hmac {
    return this.secret === undefined
      ? createHash('sha256')
      : createHmac('sha256', bytesOf(this.secret));
  }
  update(data: SourceData): void {
    this.hash.update(bytesOf(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
  reset(): void {
    this.hash = this.fresh();
  }
}

export interface SignedCall {
  method: string;
  /** Path and query as sent. */
  path: string;
  /** The Host header as sent. */
  host: string;
  body: string;
  service: 'lambda' | 'logs';
  credentials: { accessKeyId: string; secretAccessKey: string };
  headers?: Record<string, string>;
}

/**
 * The headers AWS's own signer (`@smithy/signature-v4`, what every AWS SDK uses) adds to a call:
 * `authorization`, `x-amz-date`, `x-amz-content-sha256`. An independent signer, so a test proves
 * the Gateway verifies what SDKs send, not what its own code computes.
 */
export async function sigV4Headers(call: SignedCall): Promise<Record<string, string>> {
  const signer = new SignatureV4({
    service: call.service,
    region: 'ap-northeast-1',
    credentials: call.credentials,
    sha256: NodeSha256,
  });
  const [pathname, search = ''] = call.path.split(/\?(.*)/s);
  const query: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(search)) query[name] = value;
  const signed = await signer.sign({
    method: call.method,
    protocol: 'http:',
    hostname: call.host,
    path: pathname,
    query,
    headers: { host: call.host, ...call.headers },
    body: call.body,
  });
  const { host: _host, ...added } = signed.headers;
  return added;
}
