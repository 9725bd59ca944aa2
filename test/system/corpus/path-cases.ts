import { anonymous, CLIENT_ERROR, echoed, HostileCase, raw, routed } from './hostile-case';
import type { WireResponse } from './wire';

const unauthorized = { status: 401, message: 'Unauthorized' };
const notFound = { status: 404, message: 'Not Found' };
const reached = { status: 200, message: 'echoed' };

/** Reaches the echo function with `proxy` as its decoded greedy parameter. */
const proxyIs = (proxy: string) => (response: WireResponse) =>
  expect(echoed(response).pathParameters).toEqual({ proxy });

/**
 * Dot segments are not resolved and `%2F` is not a separator: routing sees the path as sent, and a
 * parameter's value is decoded only after the path was split.
 */
export const PATH_CASES: HostileCase[] = [
  {
    name: 'traversal from a route to /health without a token',
    request: anonymous('GET', '/echo/../health'),
    ...unauthorized,
  },
  {
    name: 'traversal from /health to a route without a token',
    request: anonymous('GET', '/health/../echo/x'),
    ...unauthorized,
  },
  {
    name: 'encoded traversal to /metrics without a token',
    request: anonymous('GET', '/%2e%2e/metrics'),
    ...unauthorized,
  },
  { name: 'leading /../ with a token', request: routed('GET', '/../echo/x'), ...notFound },
  {
    name: '/../ inside a greedy parameter reaches the function as sent',
    request: routed('GET', '/echo/../../etc/passwd'),
    ...reached,
    check: proxyIs('../../etc/passwd'),
  },
  {
    // REST APIs pass path parameters undecoded, as API Gateway does (docs/gateway.md).
    name: '%2e%2e inside a greedy parameter is not resolved and reaches the function undecoded',
    request: routed('GET', '/echo/%2e%2e/%2e%2e/etc/passwd'),
    ...reached,
    check: proxyIs('%2e%2e/%2e%2e/etc/passwd'),
  },
  {
    name: '%2F inside one {param} segment stays one segment (undecoded, as REST passes it)',
    request: routed('GET', '/items/a%2Fb'),
    ...reached,
    check: (response) => expect(echoed(response).pathParameters).toEqual({ id: 'a%2Fb' }),
  },
  { name: '%2F is not a path separator', request: routed('GET', '/echo%2Fx'), ...notFound },
  { name: 'encoded leading slash', request: routed('GET', '/%2Fecho/x'), ...notFound },
  { name: 'empty leading segment', request: routed('GET', '//echo/x'), ...notFound },
  {
    name: 'a real slash where {param} wants one segment',
    request: routed('GET', '/items/a/b'),
    ...notFound,
  },
  {
    name: 'percent-encoded bytes that are not UTF-8 in the path',
    request: routed('GET', '/echo/%ff%fe'),
    status: 400,
    message: "'/echo/%ff%fe' is not a valid url component",
  },
  {
    name: 'raw bytes that are not UTF-8 in the path',
    request: raw(
      ({ idToken }) =>
        `GET /echo/\xff\xfe HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${idToken}\r\nconnection: close\r\n\r\n`,
    ),
    ...CLIENT_ERROR,
  },
  {
    name: 'malformed percent-encoding in the query string',
    request: routed('GET', '/echo/q?%zz=%&a=%E0%A4%A'),
    ...reached,
  },
  {
    name: 'absolute-form request target naming another host',
    request: routed('GET', 'http://169.254.169.254/echo/x'),
    ...notFound,
  },
  {
    name: 'NUL encoded in the path',
    request: routed('GET', '/echo/a%00b'),
    ...reached,
    check: proxyIs('a%00b'),
  },
];
