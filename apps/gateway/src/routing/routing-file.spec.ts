import 'reflect-metadata';
import { parseRoutingFile } from './routing-file';

describe('parseRoutingFile', () => {
  it('reads routes, upper-cases methods and keeps payload formats', () => {
    const routes = parseRoutingFile(`
routes:
  - path: /a/{id}
    method: get
    function: fn-a
  - path: /b/{proxy+}
    method: ANY
    function: fn_b
    payloadFormat: '2.0'
`);
    expect(routes).toEqual([
      { path: '/a/{id}', method: 'GET', function: 'fn-a' },
      { path: '/b/{proxy+}', method: 'ANY', function: 'fn_b', payloadFormat: '2.0' },
    ]);
  });

  it.each([
    ['no routes list', 'functions: {}', 'expected a top-level "routes" list'],
    ['relative path', 'routes: [{path: a, method: GET, function: f}]', 'path must be a string'],
    ['greedy not last', 'routes: [{path: "/{p+}/x", method: GET, function: f}]', 'greedy'],
    ['broken parameter', 'routes: [{path: "/{p", method: GET, function: f}]', 'malformed'],
    ['bad method', 'routes: [{path: /a, method: FETCH, function: f}]', 'method must be'],
    ['bad function', 'routes: [{path: /a, method: GET, function: "a b"}]', 'function must match'],
    [
      'bad format',
      'routes: [{path: /a, method: GET, function: f, payloadFormat: 3}]',
      'payloadFormat',
    ],
  ])('rejects %s', (_case, text, message) => {
    expect(() => parseRoutingFile(text)).toThrow(message);
  });

  it('lists every problem at once', () => {
    const text = 'routes: [{path: a, method: X, function: "?"}]';
    expect(() => parseRoutingFile(text)).toThrow(/path[\s\S]*method[\s\S]*function/);
  });
});
