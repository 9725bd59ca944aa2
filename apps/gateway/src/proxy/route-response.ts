import type { PayloadFormat } from '@app/contracts';
import {
  fromV1Result,
  fromV2Result,
  HttpResponse,
  parseResultPayload,
} from '../events/lambda-result';
import { LAMBDA_SYNC_RESPONSE_LIMIT_BYTES } from '../events/lambda-limits';
import { apiGatewayError } from '../http/error-replies';
import type { FunctionOutcome } from '../invocation/invocation-outcome';

export interface RouteReply {
  response: HttpResponse;
  /** Why the function's answer could not be sent (for the log), when it could not. */
  problem?: string;
}

/**
 * The client's answer for an invocation outcome: the mapped proxy result, 502 for function errors,
 * crashes and malformed results, 504 for timeouts.
 */
export function routeReply(outcome: FunctionOutcome, format: PayloadFormat): RouteReply {
  if (outcome.kind === 'timeout') {
    return { response: apiGatewayError(504), problem: `function timed out (${outcome.errorType})` };
  }
  if (outcome.kind !== 'success') {
    return { response: apiGatewayError(502), problem: `function failed: ${outcome.errorType}` };
  }
  if (outcome.payload.length > LAMBDA_SYNC_RESPONSE_LIMIT_BYTES) {
    return {
      response: apiGatewayError(502),
      problem: `result of ${outcome.payload.length} bytes is over Lambda's synchronous limit`,
    };
  }
  const parsed = parseResultPayload(outcome.payload);
  if (!parsed) return { response: apiGatewayError(502), problem: 'result is not JSON' };
  const mapped = format === '2.0' ? fromV2Result(parsed.value) : fromV1Result(parsed.value);
  if ('malformed' in mapped) {
    return {
      response: apiGatewayError(502),
      problem: `malformed Lambda proxy response: ${mapped.malformed}`,
    };
  }
  return mapped;
}
