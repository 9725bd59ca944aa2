import type { WireResponse } from './wire';
import { requestBytes, send } from './wire';

/** Secrets the corpus's Gateway process runs with. */
export const SECRETS = {
  X_API_KEY: 'hostile-api-key-0123',
  JWT_SECRET_KEY: 'hostile-jwt-secret-0123456789abcdef012345',
  AUTH_USER: 'mallory',
  AUTH_PASS: 'mallory-password',
  MANAGER_TOKEN: 'hostile-manager-token-0123',
  FUNCTION_AWS_ACCESS_KEY_ID: 'hostile-access-key',
  FUNCTION_AWS_SECRET_ACCESS_KEY: 'hostile-secret-access-key-0123',
};

/** What a case may use when it builds its request: a valid ID token issued by the Gateway. */
export interface Target {
  idToken: string;
}

export interface HostileCase {
  name: string;
  /** The bytes sent on a fresh connection. */
  request: (target: Target) => Buffer;
  status: number;
  /**
   * The `message` of the JSON answer; null for node's own bodiless 400 (no Host header); undefined
   * when the answer is the function's own (its `check` says what it must hold).
   */
  message: string | null | undefined;
  /** Further checks on the answer (what reached the function, headers). */
  check?: (response: WireResponse) => void;
}

type Headers = Array<[string, string]>;

/** A request with a valid bearer token in front of `headers`. */
export const routed =
  (method: string, path: string, headers: Headers = [], body?: string | Buffer) =>
  ({ idToken }: Target) =>
    requestBytes({
      method,
      path,
      headers: [['authorization', `Bearer ${idToken}`], ...headers],
      body,
    });

export const anonymous =
  (method: string, path: string, headers: Headers = [], body?: string | Buffer) =>
  () =>
    requestBytes({ method, path, headers, body });

/** Bytes written as they are, for what no well-behaved client would send. */
export const raw = (text: string | ((target: Target) => string)) => (target: Target) =>
  Buffer.from(typeof text === 'string' ? text : text(target), 'latin1');

export const LOGIN_PATH = '/user/auth/ver1.0';

export const loginWith = (body: string | Buffer, headers: Headers) => () =>
  requestBytes({
    method: 'POST',
    path: LOGIN_PATH,
    headers: [['content-type', 'application/json'], ...headers],
    body,
  });

export const withApiKey = (body: string | Buffer) =>
  loginWith(body, [['x-api-key', SECRETS.X_API_KEY]]);

export const VALID_LOGIN = JSON.stringify({
  AuthParameters: { USERNAME: SECRETS.AUTH_USER, PASSWORD: SECRETS.AUTH_PASS },
});

/** The echo function's answer, parsed. */
export const echoed = (response: WireResponse) =>
  JSON.parse(response.body) as {
    path: string;
    pathParameters: Record<string, string> | null;
    body: string | null;
    isBase64Encoded: boolean;
  };

/** The answer's JSON is exactly `{"message"}` (no framework fields such as `error`, `statusCode`). */
const onlyMessage = (response: WireResponse) =>
  expect(Object.keys(JSON.parse(response.body) as object)).toEqual(['message']);

/**
 * Requests the HTTP parser refuses never reach the Gateway's handlers; its client-error handler
 * (libs/platform/src/client-error.ts) answers them with the same `{"message"}` JSON as every route.
 */
export const CLIENT_ERROR = { status: 400, message: 'Bad Request', check: onlyMessage };
export const HEADERS_TOO_LARGE = {
  status: 431,
  message: 'Request Header Fields Too Large',
  check: onlyMessage,
};

/** Body limit of the Gateway under test (the default: API Gateway's 10 MB). */
export const BODY_LIMIT_BYTES = 10 * 1024 * 1024;

/**
 * A body announced one byte over the limit with `Expect: 100-continue` (as curl sends large bodies);
 * the body itself is never sent, so the answer must come from the Content-Length alone. (Sending it
 * would race the server's close after its 413 and could reset the connection before the answer is
 * read; the chunked case sends a real oversized body.)
 */
export const announcedOverLimit = (path: string, headers: Headers) => () =>
  requestBytes({
    method: 'POST',
    path,
    headers: [
      ...headers,
      ['content-length', String(BODY_LIMIT_BYTES + 1)],
      ['expect', '100-continue'],
    ],
  });

/** Logs in to the Gateway on `port` with the test secrets; the IdToken. */
export async function loginIdToken(port: number): Promise<string> {
  const response = await send(port, {
    method: 'POST',
    path: LOGIN_PATH,
    headers: [
      ['content-type', 'application/json'],
      ['x-api-key', SECRETS.X_API_KEY],
    ],
    body: VALID_LOGIN,
  });
  expect(response.status).toBe(200);
  return (JSON.parse(response.body) as { AuthenticationResult: { IdToken: string } })
    .AuthenticationResult.IdToken;
}
