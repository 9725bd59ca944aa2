import type { RouteMatch } from '../routing/route-table';
import type { GatewayRequest } from './gateway-request';
import { toV2Event } from './v2-event';

const route: RouteMatch = {
  function: 'echo',
  resource: '/echo/{proxy+}',
  routeKey: 'POST /echo/{proxy+}',
  payloadFormat: '2.0',
  pathParameters: { proxy: 'a/b' },
  method: 'POST',
  api: {
    id: 'implicit-http',
    declared: false,
    kind: 'http',
    stage: '$default',
    stageVariables: {},
    binaryMediaTypes: [],
  },
  stagePrefix: '',
  timeoutMs: 29000,
};

function request(overrides: Partial<GatewayRequest> = {}): GatewayRequest {
  return {
    method: 'POST',
    rawPath: '/echo/a/b',
    rawQueryString: '',
    headers: [['Host', 'api.example.test']],
    body: Buffer.alloc(0),
    sourceIp: '10.0.0.9',
    protocol: 'HTTP/1.1',
    requestId: 'req-2',
    receivedAt: 1_800_000_000_000,
    ...overrides,
  };
}

describe('toV2Event', () => {
  it.each([
    {
      case: 'cookies come from Cookie headers and leave the headers',
      input: request({
        headers: [
          ['Cookie', 'a=1; b=2'],
          ['cookie', 'c=3'],
          ['X-A', '1'],
        ],
      }),
      expected: { cookies: ['a=1', 'b=2', 'c=3'], headers: { 'x-a': '1' } },
    },
    {
      case: 'duplicate headers are comma-joined under lower-case names',
      input: request({
        headers: [
          ['X-Tag', 'a'],
          ['x-tag', 'b'],
        ],
      }),
      expected: { headers: { 'x-tag': 'a,b' } },
    },
    {
      case: 'rawQueryString as sent, parameters decoded and comma-joined',
      input: request({ rawQueryString: 'q=a%2Cb&q=c&x=%E2%9C%93' }),
      expected: {
        rawQueryString: 'q=a%2Cb&q=c&x=%E2%9C%93',
        queryStringParameters: { q: 'a,b,c', x: '✓' },
      },
    },
    {
      case: 'binary body: base64',
      input: request({
        headers: [['content-type', 'application/octet-stream']],
        body: Buffer.from([1, 2, 3]),
      }),
      expected: { body: 'AQID', isBase64Encoded: true },
    },
  ])('$case', ({ input, expected }) => {
    expect(toV2Event(input, route, null)).toMatchObject(expected);
  });

  it('leaves out empty optional fields', () => {
    const event = toV2Event(request(), { ...route, pathParameters: null }, null);
    for (const field of ['cookies', 'queryStringParameters', 'pathParameters', 'body']) {
      expect(event).not.toHaveProperty(field);
    }
    expect(event.requestContext).not.toHaveProperty('authorizer');
    expect(event.isBase64Encoded).toBe(false);
  });

  it('fills routeKey, rawPath and the request context', () => {
    const event = toV2Event(request({ rawPath: '/echo/a%2Fb' }), route, { sub: 'bob', iat: 1 });
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /echo/{proxy+}',
      rawPath: '/echo/a%2Fb',
      pathParameters: { proxy: 'a/b' },
      requestContext: {
        routeKey: 'POST /echo/{proxy+}',
        stage: '$default',
        requestId: 'req-2',
        domainName: 'api.example.test',
        domainPrefix: 'api',
        timeEpoch: 1_800_000_000_000,
        http: { method: 'POST', path: '/echo/a/b', protocol: 'HTTP/1.1', sourceIp: '10.0.0.9' },
        authorizer: { jwt: { claims: { sub: 'bob', iat: '1' }, scopes: null } },
      },
    });
  });

  it('passes the stage and its variables; rawPath keeps a named stage as API Gateway does', () => {
    const event = toV2Event(
      request({ rawPath: '/beta/echo/a/b' }),
      {
        ...route,
        stagePrefix: '/beta',
        api: { ...route.api, stage: 'beta', stageVariables: { mode: 'test' } },
      },
      null,
    );
    expect(event).toMatchObject({
      rawPath: '/beta/echo/a/b',
      stageVariables: { mode: 'test' },
      requestContext: { stage: 'beta', http: { path: '/beta/echo/a/b' } },
    });
  });

  it('has no stageVariables when the stage declares none', () => {
    expect(toV2Event(request(), route, null)).not.toHaveProperty('stageVariables');
  });
});
