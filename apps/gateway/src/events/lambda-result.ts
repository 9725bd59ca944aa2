import { requestDataMap } from '@app/platform';

/** What the Gateway sends to the client; header names as the function wrote them. */
export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string[]>;
  body: Buffer;
}

export type ResultMapping = { response: HttpResponse } | { malformed: string };

type Scalar = string | number | boolean;

/**
 * Headers a function's answer cannot set, dropped as proxies drop them: the Gateway frames the
 * response itself (RFC 9110 §7.6.1 hop-by-hop fields, as Envoy and nginx remove them), and owns the
 * request id and the transport-security policy. Names of `Object.prototype` members are no HTTP
 * fields anyone sends; dropping them keeps every header map an ordinary one.
 */
const DROPPED_HEADERS = new Set([
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'upgrade',
  'x-request-id',
  'strict-transport-security',
  ...Object.getOwnPropertyNames(Object.prototype).map((name) => name.toLowerCase()),
]);

/**
 * Most header fields an answer may carry, and their total size (names, values, `: ` and CRLF):
 * Envoy's defaults for an upstream response (100 headers, 60 KiB); beyond either the answer cannot
 * be relayed and the client gets API Gateway's 502, as for any result it cannot send.
 */
export const MAX_RESPONSE_HEADERS = 100;
export const MAX_RESPONSE_HEADER_BYTES = 60 * 1024;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): value is Scalar {
  return ['string', 'number', 'boolean'].includes(typeof value);
}

/** RFC 9110 token, and field values without CR, LF or NUL (response splitting). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

function invalidHeader(headers: Record<string, string[]>): string | undefined {
  return Object.entries(headers).find(
    ([name, values]) =>
      !HEADER_NAME.test(name) || !values.every((value) => HEADER_VALUE.test(value)),
  )?.[0];
}

function oversizedHeaders(headers: Record<string, string[]>): string | undefined {
  let count = 0;
  let bytes = 0;
  for (const [name, values] of Object.entries(headers)) {
    count += values.length;
    for (const value of values) bytes += name.length + value.length + 4;
  }
  if (count > MAX_RESPONSE_HEADERS) return `more than ${MAX_RESPONSE_HEADERS} headers`;
  if (bytes > MAX_RESPONSE_HEADER_BYTES) return `headers over ${MAX_RESPONSE_HEADER_BYTES} bytes`;
  return undefined;
}

/** A final status: 1xx answers are interim (they would leave the client waiting for another). */
function validStatus(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 200 && (value as number) <= 599;
}

function withDefaults(
  statusCode: number,
  headers: Record<string, string[]>,
  body: Buffer,
): HttpResponse {
  const kept = Object.fromEntries(
    Object.entries(headers).filter(([name]) => !DROPPED_HEADERS.has(name.toLowerCase())),
  );
  if (!Object.keys(kept).some((name) => name.toLowerCase() === 'content-type')) {
    kept['content-type'] = ['application/json'];
  }
  return { statusCode, headers: kept, body };
}

function decodeBody(
  body: unknown,
  isBase64Encoded: unknown,
  decodeBase64: boolean,
): Buffer | string {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body !== 'string') return 'body must be a string';
  return Buffer.from(body, isBase64Encoded === true && decodeBase64 ? 'base64' : 'utf8');
}

/**
 * Merges `headers` and `multiValueHeaders` as API Gateway does: a name present in
 * `multiValueHeaders` takes its values from there only.
 */
export function mergeHeaders(
  headers: unknown,
  multiValueHeaders: unknown,
): Record<string, string[]> | string {
  if (headers !== undefined && headers !== null && !isRecord(headers))
    return 'headers must be an object';
  if (
    multiValueHeaders !== undefined &&
    multiValueHeaders !== null &&
    !isRecord(multiValueHeaders)
  ) {
    return 'multiValueHeaders must be an object';
  }
  const merged = requestDataMap<string[]>();
  const multiNames = new Set(
    Object.keys(multiValueHeaders ?? {}).map((name) => name.toLowerCase()),
  );
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!isScalar(value)) return `header ${name} must be a string`;
    if (!multiNames.has(name.toLowerCase())) merged[name] = [String(value)];
  }
  for (const [name, values] of Object.entries(multiValueHeaders ?? {})) {
    if (!Array.isArray(values) || !values.every(isScalar)) {
      return `multiValueHeaders.${name} must be a list of strings`;
    }
    merged[name] = values.map(String);
  }
  return merged;
}

function structuredResponse(
  result: Record<string, unknown>,
  cookies: unknown,
  decodeBase64 = true,
): ResultMapping {
  if (!validStatus(result.statusCode))
    return { malformed: 'statusCode must be an integer 200-599' };
  const headers = mergeHeaders(result.headers, result.multiValueHeaders);
  if (typeof headers === 'string') return { malformed: headers };
  if (cookies !== undefined && (!Array.isArray(cookies) || !cookies.every(isScalar))) {
    return { malformed: 'cookies must be a list of strings' };
  }
  const body = decodeBody(result.body, result.isBase64Encoded, decodeBase64);
  if (typeof body === 'string') return { malformed: body };
  const response = withDefaults(result.statusCode, headers, body);
  if (Array.isArray(cookies) && cookies.length > 0) {
    response.headers['set-cookie'] = [
      ...(response.headers['set-cookie'] ?? []),
      ...cookies.map(String),
    ];
  }
  const invalid = invalidHeader(response.headers);
  if (invalid !== undefined)
    return { malformed: `header ${JSON.stringify(invalid)} is not valid HTTP` };
  const oversized = oversizedHeaders(response.headers);
  if (oversized !== undefined) return { malformed: oversized };
  return { response };
}

/** Payload format 1.0: the result must be an object with a valid `statusCode`. */
/**
 * `decodeBase64: false` sends a base64 body as its text (a REST API whose caller did not `Accept` a
 * binary media type).
 */
export function fromV1Result(result: unknown, decodeBase64 = true): ResultMapping {
  if (!isRecord(result)) return { malformed: 'result is not an object' };
  if (!('statusCode' in result)) return { malformed: 'statusCode is missing' };
  return structuredResponse(result, undefined, decodeBase64);
}

/**
 * Payload format 2.0: an object with `statusCode` is a structured response; anything else is sent as
 * a 200 JSON body (AWS's inference rule).
 */
export function fromV2Result(result: unknown): ResultMapping {
  if (isRecord(result) && 'statusCode' in result) return structuredResponse(result, result.cookies);
  const body = Buffer.from(JSON.stringify(result) ?? 'null', 'utf8');
  return { response: withDefaults(200, {}, body) };
}

/** Parses the function's JSON answer; undefined when it is not JSON. */
export function parseResultPayload(payload: Buffer): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(payload.toString('utf8')) };
  } catch {
    return undefined;
  }
}
