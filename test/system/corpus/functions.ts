import type { RouteDefinition } from '@app/contracts';
import { FakeHandler } from '../../../apps/gateway/test/support/fake-container';

/** Larger than Lambda's 6 MB synchronous response payload (answered 502, as API Gateway does). */
export const HUGE_BODY_BYTES = 7 * 1024 * 1024;

/** Upstream "functions" (RIE-like servers on 127.0.0.1), each answering one way. */
export const FUNCTIONS: Record<string, FakeHandler> = {
  echo: (event) => ({
    result: {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        message: 'echoed',
        path: event.path ?? event.rawPath,
        pathParameters: event.pathParameters ?? null,
        body: event.body ?? null,
        isBase64Encoded: event.isBase64Encoded,
      }),
    },
  }),
  'non-json': () => ({ result: Buffer.from('<html>502 upstream says hi</html>') }),
  'invalid-status': () => ({ result: { statusCode: 999, body: '{}' } }),
  'string-status': () => ({ result: { statusCode: '200', body: '{}' } }),
  'no-status': () => ({ result: { body: 'a result without statusCode' } }),
  'function-error': () => ({
    headers: { 'x-amz-function-error': 'Unhandled' },
    result: {
      errorType: 'TypeError',
      errorMessage: "Cannot read properties of undefined (reading 'id')",
      stackTrace: ['TypeError: boom', '    at handler (/var/task/index.js:3:17)'],
    },
  }),
  crash: () => ({
    status: 502,
    headers: { 'x-amz-function-error': 'Unhandled' },
    result: { errorType: 'Runtime.ExitError', errorMessage: 'Runtime exited: exit status 1' },
  }),
  huge: () => ({
    result: {
      statusCode: 200,
      body: JSON.stringify({ message: 'huge', padding: 'x'.repeat(HUGE_BODY_BYTES) }),
    },
  }),
  /** The whole event as the body (what the Gateway made of the request). */
  event: (event) => ({ result: { statusCode: 200, body: JSON.stringify(event) } }),
  'status-100': () => ({ result: { statusCode: 100, body: '' } }),
  'status-101': () => ({ result: { statusCode: 101, headers: { upgrade: 'websocket' } } }),
  'status-103': () => ({ result: { statusCode: 103, headers: { link: '</a.css>; rel=preload' } } }),
  'huge-header': () => ({
    result: { statusCode: 200, headers: { 'x-big': 'a'.repeat(1024 * 1024) }, body: '{}' },
  }),
  'many-headers': () => ({
    result: {
      statusCode: 200,
      headers: Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`x-h${i}`, 'v'])),
      body: '{}',
    },
  }),
  'hop-by-hop': () => ({
    result: {
      statusCode: 200,
      headers: {
        upgrade: 'h2c',
        'keep-alive': 'timeout=1',
        te: 'trailers',
        trailer: 'x-checksum',
        'proxy-connection': 'close',
        'x-kept': 'yes',
      },
      multiValueHeaders: { 'transfer-encoding': ['chunked'], connection: ['upgrade'] },
      body: JSON.stringify({ message: 'hop-by-hop' }),
    },
  }),
  'owned-headers': () => ({
    result: {
      statusCode: 200,
      headers: { 'x-request-id': 'forged-id', 'strict-transport-security': 'max-age=0' },
      body: JSON.stringify({ message: 'owned' }),
    },
  }),
  'header-injection': () => ({
    result: { statusCode: 200, headers: { 'x-evil': 'a\r\nset-cookie: pwned=1' }, body: '{}' },
  }),
};

const badRoute = (name: string): RouteDefinition => ({
  path: `/bad/${name}`,
  method: 'GET',
  function: name,
});

export const ROUTES: RouteDefinition[] = [
  { path: '/echo/{proxy+}', method: 'ANY', function: 'echo' },
  { path: '/v2/{proxy+}', method: 'ANY', function: 'echo', payloadFormat: '2.0' },
  { path: '/items/{id}', method: 'GET', function: 'echo' },
  { path: '/event/{proxy+}', method: 'GET', function: 'event' },
  { path: '/event-v2/{proxy+}', method: 'GET', function: 'event', payloadFormat: '2.0' },
  ...Object.keys(FUNCTIONS)
    .filter((name) => name !== 'echo' && name !== 'event')
    .map(badRoute),
];
