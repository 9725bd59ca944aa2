import { createContext } from './context';
import { patchConsole } from './console-patch';
import { errorBodyFor } from './error-body';
import { invokeHandler, serializeResult, type Handler } from './invoke-handler';
import { loadHandler } from './load-handler';
import { RuntimeApiClient, type NextInvocation } from './runtime-api-client';
import {
  httpResponseStreamFrom,
  isStreamingHandler,
  streamifyResponse,
  type HttpPrelude,
  type ResponseStream,
} from './response-stream';

/** Lambda's node runtime client: load the handler once, then serve invocations from the Runtime API. */
const env = process.env;
const client = new RuntimeApiClient(env.AWS_LAMBDA_RUNTIME_API ?? '127.0.0.1:9001');
let currentRequestId: string | undefined;
let onEmptyEventLoop: (() => void) | undefined;

/** The `awslambda` global of Lambda's node runtime: response streaming. */
class HttpResponseStream {
  static from(stream: ResponseStream, prelude: HttpPrelude): ResponseStream {
    return httpResponseStreamFrom(stream, prelude);
  }
}
Object.assign(globalThis, { awslambda: { streamifyResponse, HttpResponseStream } });

patchConsole(
  () => currentRequestId,
  (line) => process.stdout.write(line),
);

function header(next: NextInvocation, name: string): string | undefined {
  const value = next.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Errors that escape the handler (a stray throw in a timer, an unhandled rejection) end the runtime. */
async function failAndExit(error: unknown, errorType?: string): Promise<never> {
  const body = errorBodyFor(error, errorType);
  console.error(`${body.errorType}: ${body.errorMessage}`);
  try {
    if (currentRequestId) await client.postError(currentRequestId, body);
    else await client.postInitError(body);
  } finally {
    process.exit(129);
  }
}

// As in Lambda: a handler whose promise can no longer settle (nothing left to run) answers null.
process.on('beforeExit', () => onEmptyEventLoop?.());
process.on('uncaughtException', (error) => void failAndExit(error));
process.on(
  'unhandledRejection',
  (reason) => void failAndExit(reason, 'Runtime.UnhandledPromiseRejection'),
);

/**
 * A `streamifyResponse` handler: `(event, responseStream, context)`; what it writes goes to the
 * Runtime API as it is written. It is done when it ends the stream or its promise settles (the
 * stream is then ended for it). An error before the first byte is an ordinary function error,
 * after it the stream ends with the error in the trailers.
 */
async function serveStreaming(
  handler: Handler,
  requestId: string,
  event: unknown,
  context: ReturnType<typeof createContext>,
): Promise<void> {
  const stream = client.streamResponse(requestId);
  const ended = new Promise<void>((resolve) => stream.on('finish', () => resolve()));
  try {
    const abandoned = new Promise<void>((resolve) => {
      onEmptyEventLoop = () => resolve();
    });
    const returned = (handler as unknown as StreamingHandler)(event, stream, context);
    await Promise.race([Promise.resolve(returned).then(() => undefined), ended, abandoned]);
    if (!stream.writableEnded) stream.end();
  } catch (error) {
    const body = errorBodyFor(error);
    console.error(`${body.errorType}: ${body.errorMessage}`);
    if (!stream.started) {
      await client.postError(requestId, body);
      return;
    }
    if (!stream.writableEnded) stream.fail(body);
  }
  await stream.done;
}

type StreamingHandler = (event: unknown, stream: ResponseStream, context: unknown) => unknown;

async function serve(handler: Handler): Promise<never> {
  for (;;) {
    const next = await client.next();
    const requestId = header(next, 'lambda-runtime-aws-request-id') ?? '';
    currentRequestId = requestId;
    const traceId = header(next, 'lambda-runtime-trace-id');
    if (traceId) env._X_AMZN_TRACE_ID = traceId;
    else delete env._X_AMZN_TRACE_ID;
    const context = createContext(
      {
        requestId,
        deadlineMs: Number(header(next, 'lambda-runtime-deadline-ms')),
        invokedFunctionArn: header(next, 'lambda-runtime-invoked-function-arn') ?? '',
        clientContext: header(next, 'lambda-runtime-client-context'),
        cognitoIdentity: header(next, 'lambda-runtime-cognito-identity'),
      },
      env,
      Date.now,
    );
    if (isStreamingHandler(handler)) {
      await serveStreaming(handler, requestId, JSON.parse(next.body), context);
      currentRequestId = undefined;
      onEmptyEventLoop = undefined;
      continue;
    }
    try {
      const abandoned = new Promise<undefined>((resolve) => {
        onEmptyEventLoop = () => resolve(undefined);
      });
      const invoked = invokeHandler(handler, JSON.parse(next.body), context);
      const result = await Promise.race([invoked, abandoned]);
      await client.postResponse(requestId, serializeResult(result));
    } catch (error) {
      await client.postError(requestId, errorBodyFor(error));
    }
    currentRequestId = undefined;
    onEmptyEventLoop = undefined;
  }
}

async function main(): Promise<void> {
  let handler: Handler;
  try {
    handler = await loadHandler(env.LAMBDA_TASK_ROOT ?? '/var/task', env._HANDLER ?? '');
  } catch (error) {
    await failAndExit(error);
    return;
  }
  await serve(handler);
}

void main();
