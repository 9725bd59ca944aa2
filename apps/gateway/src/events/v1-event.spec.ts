import type { RouteMatch } from '../routing/route-table';
import type { GatewayRequest } from './gateway-request';
import { toV1Event } from './v1-event';

const route: RouteMatch = {
  function: 'users',
  resource: '/users/{id}',
  routeKey: 'GET /users/{id}',
  payloadFormat: '1.0',
  pathParameters: { id: '42' },
  method: 'GET',
  api: {
    id: 'implicit-rest',
    declared: false,
    kind: 'rest',
    stage: 'prod',
    stageVariables: {},
    binaryMediaTypes: [],
  },
  stagePrefix: '',
  timeoutMs: 29000,
};

function request(overrides: Partial<GatewayRequest> = {}): GatewayRequest {
  return {
    method: 'GET',
    rawPath: '/users/42',
    rawQueryString: '',
    headers: [['Host', 'api.example.test']],
    body: Buffer.alloc(0),
    sourceIp: '10.0.0.9',
    protocol: 'HTTP/1.1',
    requestId: 'req-1',
    receivedAt: Date.UTC(2026, 10, 28, 9, 5, 7),
    ...overrides,
  };
}

describe('toV1Event', () => {
  it.each([
    {
      case: 'headers: last value wins, multiValueHeaders keeps all, names as sent',
      input: request({
        headers: [
          ['X-Tag', 'a'],
          ['X-Tag', 'b'],
          ['Host', 'h'],
        ],
      }),
      expected: {
        headers: { 'X-Tag': 'b', Host: 'h' },
        multiValueHeaders: { 'X-Tag': ['a', 'b'], Host: ['h'] },
      },
    },
    {
      case: 'no query string: both query maps are null',
      input: request(),
      expected: { queryStringParameters: null, multiValueQueryStringParameters: null },
    },
    {
      case: 'repeated query parameters: last wins and all values, decoded',
      input: request({ rawQueryString: 'a=1&a=2&b=x%20y&c=p+q' }),
      expected: {
        queryStringParameters: { a: '2', b: 'x y', c: 'p q' },
        multiValueQueryStringParameters: { a: ['1', '2'], b: ['x y'], c: ['p q'] },
      },
    },
    {
      case: 'empty body: null and not base64',
      input: request(),
      expected: { body: null, isBase64Encoded: false },
    },
    {
      case: 'JSON body: text',
      input: request({
        method: 'POST',
        headers: [['content-type', 'application/json']],
        body: Buffer.from('{"name":"ü"}'),
      }),
      expected: { body: '{"name":"ü"}', isBase64Encoded: false, httpMethod: 'POST' },
    },
    {
      case: 'binary media type: base64',
      input: request({
        headers: [['content-type', 'image/png']],
        body: Buffer.from([0x89, 0x50, 0x4e, 0x47]),
      }),
      expected: { body: 'iVBORw==', isBase64Encoded: true },
    },
    {
      case: 'text media type with bytes that are not UTF-8: base64',
      input: request({
        headers: [['content-type', 'text/plain']],
        body: Buffer.from([0xff, 0xfe]),
      }),
      expected: { body: '//4=', isBase64Encoded: true },
    },
    {
      case: 'a REST API passes the path percent-encoded as sent (not decoded)',
      input: request({ rawPath: '/users/a%20b' }),
      expected: { path: '/users/a%20b', requestContext: { path: '/users/a%20b' } },
    },
  ])('$case', ({ input, expected }) => {
    expect(toV1Event(input, route, null)).toMatchObject(expected);
  });

  it('fills resource, pathParameters and the request context', () => {
    const event = toV1Event(
      request({
        headers: [
          ['Host', 'api.example.test'],
          ['User-Agent', 'curl/8'],
        ],
      }),
      route,
      { sub: 'alice', 'cognito:username': 'alice', exp: 1800000000 },
    );
    expect(event).toMatchObject({
      resource: '/users/{id}',
      path: '/users/42',
      pathParameters: { id: '42' },
      stageVariables: null,
      requestContext: {
        resourcePath: '/users/{id}',
        httpMethod: 'GET',
        path: '/users/42',
        stage: 'prod',
        requestId: 'req-1',
        requestTime: '28/Nov/2026:09:05:07 +0000',
        requestTimeEpoch: Date.UTC(2026, 10, 28, 9, 5, 7),
        domainName: 'api.example.test',
        protocol: 'HTTP/1.1',
        identity: { sourceIp: '10.0.0.9', userAgent: 'curl/8' },
        authorizer: { claims: { sub: 'alice', 'cognito:username': 'alice', exp: '1800000000' } },
      },
    });
  });

  it('has null pathParameters and authorizer when there are none', () => {
    const event = toV1Event(request(), { ...route, pathParameters: null }, null);
    expect(event.pathParameters).toBeNull();
    expect(event.requestContext.authorizer).toBeNull();
  });

  it.each([
    {
      case: 'stage in the path: path without it, requestContext.path with it, the stage named',
      rawPath: '/Prod/users/a%20b',
      match: { stagePrefix: '/Prod', api: { ...route.api, stage: 'Prod' } },
      expected: {
        path: '/users/a%20b',
        stageVariables: null,
        requestContext: { path: '/Prod/users/a%20b', stage: 'Prod' },
      },
    },
    {
      case: 'stage variables are passed as the stage declares them',
      rawPath: '/users/42',
      match: { api: { ...route.api, stage: 'dev', stageVariables: { table: 'users-dev' } } },
      expected: { stageVariables: { table: 'users-dev' }, requestContext: { stage: 'dev' } },
    },
    {
      case: 'an HTTP API with payload 1.0 decodes the path',
      rawPath: '/users/a%20b',
      match: { api: { ...route.api, kind: 'http' as const, stage: '$default' } },
      expected: { path: '/users/a b', requestContext: { stage: '$default' } },
    },
  ])('$case', ({ rawPath, match, expected }) => {
    expect(toV1Event(request({ rawPath }), { ...route, ...match }, null)).toMatchObject(expected);
  });

  it.each([
    ['a binary media type of the API: base64', 'image/png', ['image/png'], 'iVBORw==', true],
    ['no binary media types: text, as API Gateway', 'image/png', [], '\ufffdPNG', false],
  ])('declared REST API, %s', (_case, type, binaryMediaTypes, body, isBase64Encoded) => {
    const input = request({
      headers: [['content-type', type]],
      body: Buffer.from([0x89, 0x50, 0x4e, 0x47]),
    });
    const declared = { ...route, api: { ...route.api, declared: true, binaryMediaTypes } };
    expect(toV1Event(input, declared, null)).toMatchObject({ body, isBase64Encoded });
  });
});
