import type { InvocationFailureReason } from '../invocation/invocation-errors';

/** API Gateway's own error messages per status. */
export const API_GATEWAY_MESSAGES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  413: 'Request Too Long',
  429: 'Too Many Requests',
  500: 'Internal server error',
  502: 'Internal server error',
  503: 'Service Unavailable',
  504: 'Endpoint request timed out',
};

/**
 * Status a routed request gets when its function could not be run. A route to a function the
 * Manager does not know is a broken integration: 502, as API Gateway answers for a missing Lambda.
 */
export const ROUTE_FAILURE_STATUS: Record<InvocationFailureReason, number> = {
  notFound: 502,
  unavailable: 503,
  timeout: 504,
  throttled: 429,
};
