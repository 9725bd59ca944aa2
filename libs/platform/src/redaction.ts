/** What replaces a credential in a log line. */
export const REDACTED = '[Redacted]';

/**
 * Request and response headers that carry credentials or session state: never logged. Names are
 * lower-case, as node gives them.
 */
export const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'x-manager-token',
  'x-amz-security-token',
  'x-amz-signature',
  'x-amz-credential',
  'x-auth-token',
  'x-csrf-token',
  'x-xsrf-token',
]);

/**
 * Query parameter names that carry credentials: OAuth tokens and codes, presigned-URL parts
 * (`X-Amz-Signature`, `X-Amz-Credential`, `X-Amz-Security-Token`, SigV2's `Signature` and
 * `AWSAccessKeyId`), API keys and passwords.
 */
const CREDENTIAL_QUERY_NAME =
  /token|secret|passw(or)?d|signature|credential|api[-_]?key|accesskeyid|^(sig|code|key|auth|jwt|session)$/i;

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** A URL with the value of every credential-bearing query parameter replaced, the rest as sent. */
export function redactUrl(url: string): string {
  const mark = url.indexOf('?');
  if (mark < 0) return url;
  const query = url
    .slice(mark + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals < 0 ? pair : pair.slice(0, equals);
      return equals >= 0 && CREDENTIAL_QUERY_NAME.test(safeDecode(name))
        ? `${name}=${REDACTED}`
        : pair;
    })
    .join('&');
  return `${url.slice(0, mark)}?${query}`;
}

/** A copy of a header map with every credential header's value replaced. */
export function redactHeaders(
  headers: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  if (!headers || typeof headers !== 'object') return headers;
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      CREDENTIAL_HEADERS.has(name.toLowerCase()) ? REDACTED : value,
    ]),
  );
}

interface SerializedMessage {
  url?: unknown;
  headers?: Record<string, unknown>;
}

/** pino-http serializers (applied to pino's own req/res objects): credentials out of every line. */
export const redactingSerializers = {
  req: <T extends SerializedMessage>(req: T): T => {
    const copy = Object.assign(Object.create(Object.getPrototypeOf(req) as object) as T, req);
    if (typeof req.url === 'string') copy.url = redactUrl(req.url);
    copy.headers = redactHeaders(req.headers);
    return copy;
  },
  res: <T extends SerializedMessage>(res: T): T => ({
    ...res,
    headers: redactHeaders(res.headers),
  }),
};
