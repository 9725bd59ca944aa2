import type { ApiKind, PayloadFormat } from '@app/contracts';
import {
  fromV1Result,
  fromV2Result,
  HttpResponse,
  parseResultPayload,
} from '../events/lambda-result';
import { LAMBDA_SYNC_RESPONSE_LIMIT_BYTES } from '../events/lambda-limits';
import { apiErrorOfKind } from '../http/error-replies';
import type { FunctionOutcome } from '../invocation/invocation-outcome';

export interface RouteReply {
  response: HttpResponse;
  /** Why the function's answer could not be sent (for the log), when it could not. */
  problem?: string;
}

/**
 * What each kind of API answers when the function fails (error, crash, its own timeout, a result it
 * cannot use) and when the integration times out. The bodies are byte for byte API Gateway's: a
 * REST API's default gateway responses are written with a space after the colon, an HTTP API's
 * without (see docs/gateway.md, "Errors as API Gateway answers them").
 */
export const ROUTE_ERRORS: Record<ApiKind, { functionError: HttpResponse; timeout: HttpResponse }> =
  {
    rest: {
      functionError: apiErrorOfKind('rest', 502, 'Internal server error'),
      timeout: apiErrorOfKind('rest', 504, 'Endpoint request timed out'),
    },
    http: {
      functionError: apiErrorOfKind('http', 500, 'Internal Server Error'),
      timeout: apiErrorOfKind('http', 503, 'Service Unavailable'),
    },
  };

/** The answer when the function has not answered within the route's integration timeout. */
export function integrationTimeoutReply(kind: ApiKind, timeoutMs: number): RouteReply {
  return {
    response: ROUTE_ERRORS[kind].timeout,
    problem: `integration timed out after ${timeoutMs} ms (the function keeps running)`,
  };
}

/**
 * The client's answer for an invocation outcome: the mapped proxy result, or the API kind's
 * function-error answer for function errors, crashes, function timeouts and malformed results (a
 * function that times out is a function error; only the integration timeout is a 504).
 */
export function routeReply(
  outcome: FunctionOutcome,
  format: PayloadFormat,
  kind: ApiKind,
  decodeBase64 = true,
): RouteReply {
  const failed = (problem: string): RouteReply => ({
    response: ROUTE_ERRORS[kind].functionError,
    problem,
  });
  if (outcome.kind === 'timeout') return failed(`function timed out (${outcome.errorType})`);
  if (outcome.kind !== 'success') return failed(`function failed: ${outcome.errorType}`);
  if (outcome.payload.length > LAMBDA_SYNC_RESPONSE_LIMIT_BYTES) {
    return failed(`result of ${outcome.payload.length} bytes is over Lambda's synchronous limit`);
  }
  const parsed = parseResultPayload(outcome.payload);
  if (!parsed) return failed('result is not JSON');
  const mapped =
    format === '2.0' ? fromV2Result(parsed.value) : fromV1Result(parsed.value, decodeBase64);
  if ('malformed' in mapped) return failed(`malformed Lambda proxy response: ${mapped.malformed}`);
  return mapped;
}
