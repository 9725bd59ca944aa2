import {
  anonymous,
  CLIENT_ERROR,
  HEADERS_TOO_LARGE,
  HostileCase,
  raw,
  routed,
} from './hostile-case';

/** A raw request line + headers with a valid token, for bytes node's client refuses to send. */
const rawRouted = (headerLines: string) =>
  raw(
    ({ idToken }) =>
      `GET /echo/h HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${idToken}\r\n${headerLines}connection: close\r\n\r\n`,
  );

/** Oversized, duplicated and malformed headers. */
export const HEADER_CASES: HostileCase[] = [
  {
    name: 'one 20 KB header value',
    request: routed('GET', '/echo/h', [['x-big', 'a'.repeat(20 * 1024)]]),
    ...HEADERS_TOO_LARGE,
  },
  {
    name: '500 small headers (over 16 KB together)',
    request: routed(
      'GET',
      '/echo/h',
      Array.from({ length: 500 }, (_, index): [string, string] => [`x-h${index}`, 'v'.repeat(30)]),
    ),
    ...HEADERS_TOO_LARGE,
  },
  {
    name: 'a 64 KB bearer token',
    request: anonymous('GET', '/echo/h', [['authorization', `Bearer ${'a'.repeat(64 * 1024)}`]]),
    ...HEADERS_TOO_LARGE,
  },
  {
    name: 'two different Content-Length headers',
    request: rawRouted('content-length: 1\r\ncontent-length: 2\r\n'),
    ...CLIENT_ERROR,
  },
  {
    name: 'Content-Length and Transfer-Encoding together (smuggling)',
    request: rawRouted('content-length: 4\r\ntransfer-encoding: chunked\r\n'),
    ...CLIENT_ERROR,
  },
  {
    name: 'a non-numeric Content-Length',
    request: rawRouted('content-length: ten\r\n'),
    ...CLIENT_ERROR,
  },
  {
    name: 'a bare CR inside a header value',
    request: rawRouted('x-note: a\rb\r\n'),
    ...CLIENT_ERROR,
  },
  {
    name: 'a bare LF inside a header value',
    request: rawRouted('x-note: a\nx-injected: b\r\n'),
    ...CLIENT_ERROR,
  },
  {
    name: 'a NUL inside a header value',
    request: rawRouted('x-note: a\u0000b\r\n'),
    ...CLIENT_ERROR,
  },
  { name: 'a space inside a header name', request: rawRouted('x note: a\r\n'), ...CLIENT_ERROR },
  {
    name: 'an obsolete folded header line',
    request: rawRouted('x-note: a\r\n  folded\r\n'),
    ...CLIENT_ERROR,
  },
  {
    name: 'no Host header',
    request: raw(
      ({ idToken }) =>
        `GET /echo/h HTTP/1.1\r\nauthorization: Bearer ${idToken}\r\nconnection: close\r\n\r\n`,
    ),
    status: 400,
    message: null,
  },
  {
    name: 'two X-Request-Id headers are replaced by a fresh id',
    request: routed('GET', '/echo/h', [
      ['x-request-id', 'first-id'],
      ['x-request-id', 'second-id'],
    ]),
    status: 200,
    message: 'echoed',
    check: (response) => {
      expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    },
  },
  {
    name: 'an X-Request-Id carrying markup is replaced by a fresh id',
    request: routed('GET', '/echo/h', [['x-request-id', '<script>alert(1)</script>']]),
    status: 200,
    message: 'echoed',
    check: (response) => {
      expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    },
  },
];
