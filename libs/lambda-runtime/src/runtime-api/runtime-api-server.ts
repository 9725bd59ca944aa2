import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { LambdaInvokeError } from '@app/contracts/lambda-error';
import { readBody, sendJson } from '../http/read-body';
import type { Sandbox } from '../sandbox/sandbox';
import { MAX_PAYLOAD_BYTES } from '../sandbox/sandbox-types';
import { invocationHeaders, RUNTIME_API_HEADERS } from './invocation';
import { matchRuntimeApiRoute } from './runtime-api-routes';

const ACCEPTED = { status: 'OK' };
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
  const { body, size } = await readBody(request, MAX_PAYLOAD_BYTES);
  const errorType = request.headers[RUNTIME_API_HEADERS.functionErrorType];
  const header = Array.isArray(errorType) ? errorType[0] : errorType;
  let accepted: boolean;
  if (route.kind === 'response') accepted = sandbox.postResponse(route.requestId, body, size);
  else if (route.kind === 'error')
    accepted = sandbox.postError(route.requestId, postedError(body, header));
  else accepted = sandbox.postInitError(postedError(body, header));
  if (accepted) sendJson(response, 202, ACCEPTED);
  else if (route.kind === 'init-error')
    sendJson(response, 403, {
      errorType: 'InvalidStateTransition',
      errorMessage: 'Init already finished',
    });
  else sendJson(response, 400, UNKNOWN_REQUEST);
}

/** The Lambda Runtime API, on loopback only: the runtime client in this container is its one user. */
export function createRuntimeApiServer(sandbox: Sandbox): Server {
  const server = createServer((request, response) => {
    handle(sandbox, request, response).catch(() => {
      if (!response.headersSent)
        sendJson(response, 500, {
          errorType: 'ServiceException',
          errorMessage: 'Runtime API failure',
        });
    });
  });
  // `next` waits as long as the function stays idle: no keep-alive or request time limits.
  server.keepAliveTimeout = 0;
  server.requestTimeout = 0;
  return server;
}
