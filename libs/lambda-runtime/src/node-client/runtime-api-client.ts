import { Agent, request } from 'node:http';
import { RuntimeResponseStream } from './response-stream';

export interface NextInvocation {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A small client of the Runtime API at `AWS_LAMBDA_RUNTIME_API` (host:port), one keep-alive socket. */
export class RuntimeApiClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });
  private readonly host: string;
  private readonly port: number;

  constructor(address: string) {
    const [host, port] = address.split(':');
    this.host = host;
    this.port = Number(port || 80);
  }

  next(): Promise<NextInvocation> {
    return this.send('GET', '/2018-06-01/runtime/invocation/next');
  }

  postResponse(requestId: string, body: string): Promise<NextInvocation> {
    return this.send(
      'POST',
      `/2018-06-01/runtime/invocation/${encodeURIComponent(requestId)}/response`,
      body,
    );
  }

  /** A streaming response (`Lambda-Runtime-Function-Response-Mode: streaming`), sent as written. */
  streamResponse(requestId: string): RuntimeResponseStream {
    return new RuntimeResponseStream({
      host: this.host,
      port: this.port,
      agent: this.agent,
      path: `/2018-06-01/runtime/invocation/${encodeURIComponent(requestId)}/response`,
    });
  }

  postError(
    requestId: string,
    error: { errorType: string; errorMessage: string },
  ): Promise<NextInvocation> {
    return this.send(
      'POST',
      `/2018-06-01/runtime/invocation/${encodeURIComponent(requestId)}/error`,
      JSON.stringify(error),
      {
        'lambda-runtime-function-error-type': error.errorType,
      },
    );
  }

  postInitError(error: { errorType: string; errorMessage: string }): Promise<NextInvocation> {
    return this.send('POST', '/2018-06-01/runtime/init/error', JSON.stringify(error), {
      'lambda-runtime-function-error-type': error.errorType,
    });
  }

  /** Drops the connection, aborting a waiting `next()`. */
  close(): void {
    this.agent.destroy();
  }

  private send(
    method: string,
    path: string,
    body?: string,
    headers: Record<string, string> = {},
  ): Promise<NextInvocation> {
    return new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(body, 'utf8');
      const outgoing = request(
        {
          host: this.host,
          port: this.port,
          method,
          path,
          agent: this.agent,
          headers: payload
            ? { 'content-type': 'application/json', 'content-length': payload.length, ...headers }
            : headers,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({ headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }),
          );
          response.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
  }
}
