import { request, type Agent, type ClientRequest } from 'node:http';
import { Writable } from 'node:stream';

/** The content type that tells Lambda a stream starts with an HTTP prelude (status, headers). */
export const HTTP_INTEGRATION_CONTENT_TYPE = 'application/vnd.awslambda.http-integration-response';
/** Eight NUL bytes end the JSON prelude of an HTTP integration response. */
export const PRELUDE_DELIMITER = Buffer.alloc(8);

export const STREAMING_HEADERS = {
  responseMode: 'lambda-runtime-function-response-mode',
  errorType: 'lambda-runtime-function-error-type',
  errorBody: 'lambda-runtime-function-error-body',
} as const;

const STREAM_HANDLER = Symbol.for('aws.lambda.runtime.handler.streaming');

/** `awslambda.streamifyResponse`: marks a handler `(event, responseStream, context)` as streaming. */
export function streamifyResponse<T extends object>(handler: T): T {
  Object.defineProperty(handler, STREAM_HANDLER, { value: 'response', enumerable: false });
  return handler;
}

export function isStreamingHandler(handler: object): boolean {
  return (handler as Record<symbol, unknown>)[STREAM_HANDLER] === 'response';
}

/** What `HttpResponseStream.from` writes first: the HTTP status, headers and cookies. */
export interface HttpPrelude {
  statusCode?: number;
  headers?: Record<string, string>;
  cookies?: string[];
}

/** The stream a streaming handler writes to; `setContentType` works until the first write. */
export interface ResponseStream extends Writable {
  setContentType(contentType: string): void;
}

/** `awslambda.HttpResponseStream.from`: writes the prelude and its delimiter, then the body follows. */
export function httpResponseStreamFrom(
  stream: ResponseStream,
  prelude: HttpPrelude,
): ResponseStream {
  stream.setContentType(HTTP_INTEGRATION_CONTENT_TYPE);
  stream.write(JSON.stringify(prelude));
  stream.write(PRELUDE_DELIMITER);
  return stream;
}

/**
 * The Runtime API's streaming response: `POST /invocation/<id>/response` with
 * `Lambda-Runtime-Function-Response-Mode: streaming` and chunked transfer, each write sent as it
 * is made; an error after the first byte is reported in the trailers
 * (`Lambda-Runtime-Function-Error-Type`, `-Error-Body` = base64 of the error JSON), as Lambda's
 * runtime interface clients do. The request starts on the first write, so `setContentType` can
 * still change the content type before it.
 */
export class RuntimeResponseStream extends Writable implements ResponseStream {
  private contentType = 'application/octet-stream';
  private outgoing?: ClientRequest;
  private failure?: { errorType: string; errorMessage: string };
  readonly done: Promise<void>;
  private settle: (error?: Error) => void = () => undefined;

  constructor(private readonly target: { host: string; port: number; path: string; agent: Agent }) {
    super();
    this.done = new Promise((resolve, reject) => {
      this.settle = (error) => (error ? reject(error) : resolve());
    });
  }

  setContentType(contentType: string): void {
    this.contentType = contentType;
  }

  /** Whether anything was sent (after that an error can only go into the trailers). */
  get started(): boolean {
    return this.outgoing !== undefined;
  }

  /** Ends the stream reporting `error` in the trailers. */
  fail(error: { errorType: string; errorMessage: string }): void {
    this.failure = error;
    this.end();
  }

  private open(): ClientRequest {
    if (this.outgoing) return this.outgoing;
    const outgoing = request(
      {
        ...this.target,
        method: 'POST',
        headers: {
          'content-type': this.contentType,
          'transfer-encoding': 'chunked',
          [STREAMING_HEADERS.responseMode]: 'streaming',
          trailer: `${STREAMING_HEADERS.errorType}, ${STREAMING_HEADERS.errorBody}`,
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => this.settle());
      },
    );
    outgoing.on('error', (error) => this.settle(error));
    this.outgoing = outgoing;
    return outgoing;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.open().write(chunk, () => callback());
  }

  override _final(callback: () => void): void {
    const outgoing = this.open();
    if (this.failure) {
      outgoing.addTrailers({
        [STREAMING_HEADERS.errorType]: this.failure.errorType,
        [STREAMING_HEADERS.errorBody]: Buffer.from(JSON.stringify(this.failure)).toString('base64'),
      });
    }
    outgoing.end(() => callback());
  }
}
