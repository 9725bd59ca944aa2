/** Header the Gateway forwards its request id in; the Lambda runtime uses it as the awsRequestId. */
export const REQUEST_ID_HEADER = 'x-request-id';

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:=;-]{1,128}$/;

/** The caller's request id when it is sane (safe in headers and log lines), else undefined. */
export function usableRequestId(headerValue: string | string[] | undefined): string | undefined {
  const value = Array.isArray(headerValue) ? headerValue[0] : headerValue;
  return value && REQUEST_ID_PATTERN.test(value) ? value : undefined;
}
