import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  FUNCTION_ERROR_HEADER,
  INVOKE_TOKEN_HEADER,
  REQUEST_ID_HEADER,
  usableRequestId,
  LOG_RESULT_HEADER,
  LOG_TYPE_HEADER,
  TRACE_ID_HEADER,
  usableTraceId,
} from '@app/contracts';
import { invalidEventError, payloadTooLargeError } from '../errors/sandbox-errors';
import { headerValue, readBody, sendJson, sendServiceFailure } from '../http/messages';
import { decodeClientContext, InvalidClientContextError } from '../runtime-api/invocation';
import type { Sandbox } from '../sandbox/sandbox';
import { MAX_PAYLOAD_BYTES, type StreamedResponse } from '../sandbox/sandbox-types';
import { eventPayload, invokeTokenAccepted, matchInvokeRoute } from './invoke-routes';

const READINESS_STATUS = {
  ready: 200,
  exited: 200,
  initialising: 503,
  stopped: 503,
  'init-failed': 500,
} as const;

async function invoke(sandbox: Sandbox, request: IncomingMessage, response: ServerResponse) {
  const requestId = usableRequestId(request.headers[REQUEST_ID_HEADER]) ?? randomUUID();
  const idHeader = { 'x-amzn-requestid': requestId };
  const { body, size, tooLarge } = await readBody(request, MAX_PAYLOAD_BYTES);
  if (tooLarge) {
    sendJson(response, 413, payloadTooLargeError('request', size, MAX_PAYLOAD_BYTES), idHeader);
    return;
  }
  const payload = eventPayload(body);
  if ('invalid' in payload) {
    sendJson(response, 400, invalidEventError(payload.invalid), idHeader);
    return;
  }
  let clientContext: string | undefined;
  try {
    clientContext = decodeClientContext(headerValue(request, 'x-amz-client-context'));
  } catch (error) {
    if (!(error instanceof InvalidClientContextError)) throw error;
    sendJson(
      response,
      400,
      { errorType: 'InvalidRequestContentException', errorMessage: error.message },
      idHeader,
    );
    return;
  }
  const outcome = await sandbox.invoke({
    requestId,
    event: payload.event,
    clientContext,
    cognitoIdentity: headerValue(request, 'x-amz-cognito-identity'),
    traceId: usableTraceId(request.headers[TRACE_ID_HEADER]),
    logTail: headerValue(request, LOG_TYPE_HEADER) === 'Tail',
  });
  const headers: Record<string, string> = { ...idHeader };
  if (outcome.stream) {
    pipeStreamedResponse(outcome.stream, response, headers);
    return;
  }
  if (outcome.logTail) headers[LOG_RESULT_HEADER] = outcome.logTail.toString('base64');
  if (outcome.functionError) headers[FUNCTION_ERROR_HEADER] = outcome.functionError;
  sendJson(response, outcome.status, outcome.body, headers);
}

const ERROR_TYPE_TRAILER = 'lambda-runtime-function-error-type';
const ERROR_BODY_TRAILER = 'lambda-runtime-function-error-body';

/**
 * A streaming response to the caller as the runtime writes it (chunked), marked
 * `Lambda-Runtime-Function-Response-Mode: streaming`. A mid-stream error — in the runtime's
 * trailers, or the runtime gone before the end (timeout, crash) — is passed on in the same
 * trailers, so the caller can tell a cut stream from a complete one.
 */
function pipeStreamedResponse(
  stream: StreamedResponse,
  response: ServerResponse,
  headers: Record<string, string>,
): void {
  response.writeHead(200, {
    ...headers,
    'content-type': stream.contentType,
    'lambda-runtime-function-response-mode': 'streaming',
    trailer: `${ERROR_TYPE_TRAILER}, ${ERROR_BODY_TRAILER}`,
  });
  const body = stream.body;
  let ended = false;
  body.on('data', (chunk: Buffer) => response.write(chunk));
  body.once('end', () => {
    ended = true;
    const errorType = body.trailers[ERROR_TYPE_TRAILER];
    if (errorType) {
      response.addTrailers({
        [ERROR_TYPE_TRAILER]: errorType,
        [ERROR_BODY_TRAILER]: body.trailers[ERROR_BODY_TRAILER] ?? '',
      });
    }
    response.end();
  });
  body.once('close', () => {
    if (ended) return;
    const error = {
      errorType: 'Runtime.StreamInterrupted',
      errorMessage: 'the stream ended early',
    };
    response.addTrailers({
      [ERROR_TYPE_TRAILER]: error.errorType,
      [ERROR_BODY_TRAILER]: Buffer.from(JSON.stringify(error)).toString('base64'),
    });
    response.end();
  });
}

/**
 * The RIE-compatible endpoint on :8080 plus the readiness probe the Manager polls. With an invoke
 * token (the Manager sets one on every container), invocations without it are 403: another
 * function on the same network reaches the port but cannot invoke.
 */
export function createInvokeServer(sandbox: Sandbox, invokeToken?: string): Server {
  const server = createServer((request, response) => {
    const route = matchInvokeRoute(request.method ?? 'GET', request.url ?? '/');
    if (route === 'health') {
      const readiness = sandbox.readiness();
      sendJson(response, READINESS_STATUS[readiness.phase], {
        status: readiness.phase,
        ...(readiness.initError ? { error: readiness.initError } : {}),
      });
      return;
    }
    if (route === 'not-found') {
      sendJson(response, 404, { message: 'Not Found' });
      return;
    }
    if (route === 'method-not-allowed') {
      sendJson(response, 405, { message: 'Method Not Allowed' });
      return;
    }
    if (!invokeTokenAccepted(request.headers[INVOKE_TOKEN_HEADER], invokeToken)) {
      sendJson(response, 403, { message: 'Forbidden' }, { connection: 'close' });
      request.resume();
      return;
    }
    invoke(sandbox, request, response).catch(() =>
      sendServiceFailure(response, 'The runtime could not handle the request'),
    );
  });
  server.keepAliveTimeout = 65_000;
  server.requestTimeout = 0;
  return server;
}
