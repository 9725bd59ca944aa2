import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { LambdaInvokeError } from '@app/contracts';
import { headerValue, readBody, sendJson, sendServiceFailure } from '../http/messages';
import type { Sandbox } from '../sandbox/sandbox';
import { MAX_PAYLOAD_BYTES } from '../sandbox/sandbox-types';
import { invocationHeaders, RUNTIME_API_HEADERS } from './invocation';
import { matchRuntimeApiRoute, type RuntimeApiRoute } from './runtime-api-routes';

const ACCEPTED = { status: 'OK' };
const INIT_FINISHED = {
  errorType: 'InvalidStateTransition',
  errorMessage: 'Init already finished',
};
const UNKNOWN_REQUEST = {
  errorType: 'InvalidRequestID',
  errorMessage: 'No invocation with this request id is in progress',
};

/**
 * The error a runtime client posted, as JSON. A body that is not an error object is wrapped, with
 * the `Lambda-Runtime-Function-Error-Type` header as its type.
 */
export function postedError(body: Buffer, errorTypeHeader: string | undefined): LambdaInvokeError {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'errorMessage' in parsed) {
      return parsed as LambdaInvokeError;
    }
  } catch {
    // fall through to the wrapped form
  }
  return {
    errorType: errorTypeHeader || 'Runtime.Unknown',
    errorMessage: body.length > 0 ? body.toString('utf8') : 'Unknown error',
  };
}

async function handle(sandbox: Sandbox, request: IncomingMessage, response: ServerResponse) {
  const route = matchRuntimeApiRoute(request.method ?? 'GET', request.url ?? '/');
  if (route.kind === 'not-found') {
    sendJson(response, 404, { errorType: 'NotFound', errorMessage: 'Unknown Runtime API path' });
    return;
  }
  if (route.kind === 'next') {
    const invocation = await sandbox.nextInvocation((cancel) => response.on('close', cancel));
    response.writeHead(200, {
      'content-type': 'application/json',
      ...invocationHeaders(invocation),
    });
    response.end(invocation.event);
    return;
  }
  if (
    route.kind === 'response' &&
    headerValue(request, 'lambda-runtime-function-response-mode') === 'streaming'
  ) {
    streamResponse(sandbox, route.requestId, request, response);
    return;
  }
  const { body, size } = await readBody(request, MAX_PAYLOAD_BYTES);
  const errorType = headerValue(request, RUNTIME_API_HEADERS.functionErrorType);
  if (deliver(sandbox, route, body, size, errorType)) sendJson(response, 202, ACCEPTED);
  else if (route.kind === 'init-error') sendJson(response, 403, INIT_FINISHED);
  else sendJson(response, 400, UNKNOWN_REQUEST);
}

/** A streaming response: handed on unread; the runtime gets its 202 once it has sent everything. */
function streamResponse(
  sandbox: Sandbox,
  requestId: string,
  request: IncomingMessage,
  response: ServerResponse,
): void {
  const contentType = headerValue(request, 'content-type') ?? 'application/octet-stream';
  if (!sandbox.postStreamingResponse(requestId, { contentType, body: request })) {
    request.resume();
    sendJson(response, 400, UNKNOWN_REQUEST);
    return;
  }
  request.once('end', () => sendJson(response, 202, ACCEPTED));
}

/** Hands a posted result or error to the sandbox; false when it does not fit the sandbox's state. */
function deliver(
  sandbox: Sandbox,
  route: Exclude<RuntimeApiRoute, { kind: 'next' | 'not-found' }>,
  body: Buffer,
  size: number,
  errorType: string | undefined,
): boolean {
  switch (route.kind) {
    case 'response':
      return sandbox.postResponse(route.requestId, body, size);
    case 'error':
      return sandbox.postError(route.requestId, postedError(body, errorType));
    case 'init-error':
      return sandbox.postInitError(postedError(body, errorType));
  }
}

/** The Lambda Runtime API, on loopback only: the runtime client in this container is its one user. */
export function createRuntimeApiServer(sandbox: Sandbox): Server {
  const server = createServer((request, response) => {
    handle(sandbox, request, response).catch(() =>
      sendServiceFailure(response, 'Runtime API failure'),
    );
  });
  // `next` waits as long as the function stays idle: no keep-alive or request time limits.
  server.keepAliveTimeout = 0;
  server.requestTimeout = 0;
  return server;
}
