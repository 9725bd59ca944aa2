import { ASYNC_PAYLOAD_LIMIT } from '@app/contracts';
import { ManagerCallError } from '../invocation/invocation-errors';
import { LambdaApiError } from '../http/lambda-api-error';

/** A failed enqueue as the Lambda API answers it (404, 413, 429 as Lambda; else 503). */
export function enqueueError(error: unknown, payloadBytes: number): LambdaApiError {
  const status = error instanceof ManagerCallError ? error.status : 0;
  if (status === 404)
    return new LambdaApiError(404, 'ResourceNotFoundException', 'Function not found');
  if (status === 429)
    return new LambdaApiError(429, 'TooManyRequestsException', 'Rate Exceeded. (async queue full)');
  if (payloadBytes > ASYNC_PAYLOAD_LIMIT)
    return new LambdaApiError(
      413,
      'RequestEntityTooLargeException',
      `Request must be smaller than ${ASYNC_PAYLOAD_LIMIT} bytes for the InvokeAsync operation`,
    );
  return new LambdaApiError(503, 'ServiceException', 'the async queue is unavailable');
}
