import {
  announcedOverLimit,
  BODY_LIMIT_BYTES,
  echoed,
  HostileCase,
  raw,
  routed,
} from './hostile-case';

const tooLong = { status: 413, message: 'Request Too Long' };
/** The corpus Gateway runs with HEADERS_TIMEOUT_MS / REQUEST_TIMEOUT_MS of a few seconds. */
const timedOut = { status: 408, message: 'Request Timeout' };
const json: Array<[string, string]> = [['content-type', 'application/json']];

/** A chunked body of `total` bytes (no Content-Length to check up front). */
const chunkedBody = (total: number) => {
  const chunk = 'a'.repeat(1024 * 1024);
  const chunks = Math.ceil(total / chunk.length);
  return `${`${chunk.length.toString(16)}\r\n${chunk}\r\n`.repeat(chunks)}0\r\n\r\n`;
};

/** Routed bodies: over the limit, not JSON, not UTF-8. The Gateway passes bodies through as bytes. */
export const BODY_CASES: HostileCase[] = [
  {
    name: 'routed body announced one byte over the 10 MB limit',
    request: (target) =>
      announcedOverLimit('/echo/b', [...json, ['authorization', `Bearer ${target.idToken}`]])(),
    ...tooLong,
  },
  {
    name: 'chunked routed body over the limit',
    request: raw(
      ({ idToken }) =>
        `POST /echo/b HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${idToken}\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n${chunkedBody(BODY_LIMIT_BYTES + 1)}`,
    ),
    ...tooLong,
  },
  {
    name: 'body over the limit without a token (auth is checked first: the body is never read)',
    request: announcedOverLimit('/echo/b', json),
    status: 401,
    message: 'Unauthorized',
  },
  {
    name: 'a 1 MB body with a forged token is refused unread',
    request: raw(
      `POST /echo/b HTTP/1.1\r\nhost: x\r\nauthorization: Bearer a.b.c\r\ncontent-length: 1048576\r\n\r\n${'a'.repeat(1024)}`,
    ),
    status: 401,
    message: 'Unauthorized',
  },
  {
    name: 'Content-Length announcing 1 GB',
    request: raw(
      ({ idToken }) =>
        `POST /echo/b HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${idToken}\r\ncontent-length: 1073741824\r\nconnection: close\r\n\r\nabc`,
    ),
    ...tooLong,
  },
  {
    name: 'a body that stalls after 10 of 100 bytes is timed out',
    request: raw(
      ({ idToken }) =>
        `POST /echo/b HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${idToken}\r\ncontent-length: 100\r\n\r\n0123456789`,
    ),
    ...timedOut,
  },
  {
    name: 'Expect: 100-continue and then no body is timed out',
    request: raw(
      ({ idToken }) =>
        `POST /echo/b HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${idToken}\r\ncontent-length: 100\r\nexpect: 100-continue\r\n\r\n`,
    ),
    ...timedOut,
  },
  {
    name: 'headers that never end are timed out',
    request: raw('GET /echo/b HTTP/1.1\r\nhost: x\r\nx-slow: a'),
    ...timedOut,
  },
  {
    name: 'malformed JSON body reaches the function unchanged',
    request: routed('POST', '/echo/b', json, '{"a":'),
    status: 200,
    message: 'echoed',
    check: (response) =>
      expect(echoed(response)).toMatchObject({ body: '{"a":', isBase64Encoded: false }),
  },
  {
    name: 'JSON body with invalid UTF-8 reaches the function as base64',
    request: routed('POST', '/echo/b', json, Buffer.from([0x7b, 0xff, 0xfe, 0x7d])),
    status: 200,
    message: 'echoed',
    check: (response) =>
      expect(echoed(response)).toMatchObject({ body: 'e//+fQ==', isBase64Encoded: true }),
  },
  {
    name: 'v2 route: body with invalid UTF-8 reaches the function as base64',
    request: routed('POST', '/v2/b', [['content-type', 'text/plain']], Buffer.from([0xc3, 0x28])),
    status: 200,
    message: 'echoed',
    check: (response) =>
      expect(echoed(response)).toMatchObject({ body: 'wyg=', isBase64Encoded: true }),
  },
];
