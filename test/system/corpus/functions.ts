import type { RouteDefinition } from '@app/contracts';
import { FakeHandler } from '../../../apps/gateway/test/support/fake-container';

/** Larger than Lambda's 6 MB synchronous response payload (the Gateway does not enforce it). */
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
  ...Object.keys(FUNCTIONS)
    .filter((name) => name !== 'echo')
    .map(badRoute),
];
