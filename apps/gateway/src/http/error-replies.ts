import type { ApiKind } from '@app/contracts';
import type { HttpResponse } from '../events/lambda-result';
import { API_GATEWAY_MESSAGES } from './api-gateway-messages';

/** The header AWS SDKs read an error's type from. */
export const ERROR_TYPE_HEADER = 'x-amzn-errortype';

function jsonReply(
  statusCode: number,
  contentType: string,
  document: Record<string, string | null>,
  headers: Record<string, string[]> = {},
): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': [contentType], ...headers },
    body: Buffer.from(JSON.stringify(document), 'utf8'),
  };
}

/**
 * API Gateway's own error answer, `{"message": ...}` as `application/json`: its wording for the
 * status, else `message`, else `Error`. Every Gateway error on an API route is built here.
 */
export function apiGatewayError(statusCode: number, message?: string): HttpResponse {
  const text = API_GATEWAY_MESSAGES[statusCode] ?? message ?? 'Error';
  return jsonReply(statusCode, 'application/json', { message: text });
}

/**
 * API Gateway's error answer as each kind of API writes it: a REST API's default gateway responses
 * put a space after the colon (`{"message": "Internal server error"}`), an HTTP API's do not.
 */
export function apiErrorOfKind(kind: ApiKind, statusCode: number, message: string): HttpResponse {
  const body =
    kind === 'rest' ? `{"message": ${JSON.stringify(message)}}` : JSON.stringify({ message });
  return {
    statusCode,
    headers: { 'content-type': ['application/json'] },
    body: Buffer.from(body, 'utf8'),
  };
}

/**
 * An error of the Lambda service's REST-JSON API (the Invoke API): `{"Type", "message"}` with the
 * error type in `x-amzn-ErrorType`; `Type` is `User` for 4xx and `Service` for 5xx, as Lambda says.
 */
export function lambdaServiceError(
  statusCode: number,
  errorType: string,
  message: string,
): HttpResponse {
  return jsonReply(
    statusCode,
    'application/json',
    { Type: statusCode < 500 ? 'User' : 'Service', message },
    { [ERROR_TYPE_HEADER]: [errorType] },
  );
}

/**
 * An error of an AWS JSON 1.1 protocol API (CloudWatch Logs): `{"__type", "message"}` as
 * `application/x-amz-json-1.1`, the type again in `x-amzn-ErrorType`.
 */
export function awsJsonError(statusCode: number, errorType: string, message: string): HttpResponse {
  return jsonReply(
    statusCode,
    'application/x-amz-json-1.1',
    { __type: errorType, message },
    { [ERROR_TYPE_HEADER]: [errorType] },
  );
}

/** The API Gateway answers the Gateway gives when a route's protection refuses a call. */
export type RefusalKind =
  | 'unauthorized'
  | 'accessDenied'
  | 'explicitDeny'
  | 'authorizerFailure'
  | 'invalidApiKey'
  | 'throttled'
  | 'quotaExceeded';

type GatewayResponse = [status: number, errorType: string, body: Record<string, string | null>];

/** REST API default gateway responses (see docs/authorizers.md for the AWS references). */
const REST_GATEWAY_RESPONSES: Record<RefusalKind, GatewayResponse> = {
  unauthorized: [401, 'UnauthorizedException', { message: 'Unauthorized' }],
  accessDenied: [
    403,
    'AccessDeniedException',
    { Message: 'User is not authorized to access this resource' },
  ],
  explicitDeny: [
    403,
    'AccessDeniedException',
    { Message: 'User is not authorized to access this resource with an explicit deny' },
  ],
  authorizerFailure: [500, 'AuthorizerConfigurationException', { message: null }],
  invalidApiKey: [403, 'ForbiddenException', { message: 'Forbidden' }],
  throttled: [429, 'TooManyRequestsException', { message: 'Too Many Requests' }],
  quotaExceeded: [429, 'LimitExceededException', { message: 'Limit Exceeded' }],
};

/** HTTP API answers: one plain message per status. */
const HTTP_API_MESSAGES: Record<number, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

/**
 * API Gateway's answer to a refused call: a REST API's default gateway response (its body, the
 * response type in `x-amzn-ErrorType`), or an HTTP API's plain message for the same status.
 */
export function gatewayResponse(
  kind: RefusalKind,
  api: ApiKind,
  headers: Record<string, string> = {},
): HttpResponse {
  const [status, errorType, body] = REST_GATEWAY_RESPONSES[kind];
  const extra = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]]));
  if (api === 'http') {
    return jsonReply(status, 'application/json', { message: HTTP_API_MESSAGES[status] }, extra);
  }
  return jsonReply(status, 'application/json', body, {
    [ERROR_TYPE_HEADER]: [errorType],
    ...extra,
  });
}

/**
 * A Lambda function URL's own error answer, `{"Message": ...}` (capital M, as Lambda's URL
 * front end writes it: `{"Message":"Forbidden"}` for a refused AWS_IAM signature).
 */
export function functionUrlError(statusCode: number, message: string): HttpResponse {
  return jsonReply(statusCode, 'application/json', { Message: message });
}
