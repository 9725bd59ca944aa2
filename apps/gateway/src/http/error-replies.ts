import type { ApiKind } from '@app/contracts';
import type { HttpResponse } from '../events/lambda-result';
import { API_GATEWAY_MESSAGES } from './api-gateway-messages';

/** The header AWS SDKs read an error's type from. */
export const ERROR_TYPE_HEADER = 'x-amzn-errortype';

function jsonReply(
  statusCode: number,
  contentType: string,
  document: Record<string, string>,
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
