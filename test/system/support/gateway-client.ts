import { IncomingHttpHeaders } from 'node:http';
import { request } from 'node:https';

export interface GatewayAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

/** HTTPS client for the dev-mode Gateway on 127.0.0.1, trusting its self-signed certificate. */
export class GatewayClient {
  private token = '';

  constructor(
    private readonly port: number,
    private readonly certificate: string,
  ) {}

  send(
    method: string,
    path: string,
    body?: string,
    headers: Record<string, string> = {},
    timeoutMs = 60_000,
  ): Promise<GatewayAnswer> {
    const allHeaders = {
      ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }),
      ...headers,
    };
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: this.port,
          method,
          path,
          ca: this.certificate,
          headers: allHeaders,
          timeout: timeoutMs,
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              text,
              json: () => JSON.parse(text),
            });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  /** The README's login: API key and the dev user → ID token used by every later call. */
  async login(apiKey: string, user: string, password: string): Promise<void> {
    const answer = await this.send(
      'POST',
      '/user/auth/ver1.0',
      JSON.stringify({ AuthParameters: { USERNAME: user, PASSWORD: password } }),
      { 'x-api-key': apiKey, 'content-type': 'application/json' },
    );
    if (answer.status !== 200) throw new Error(`login: HTTP ${answer.status} ${answer.text}`);
    this.token = answer.json<{
      AuthenticationResult: { IdToken: string };
    }>().AuthenticationResult.IdToken;
  }
}
