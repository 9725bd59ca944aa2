import type { LambdaAuthorizerDefinition } from '@app/contracts';
import type { GatewayRequest } from '../events/gateway-request';
import type { RouteMatch } from '../routing/route-table';
import { authorizerEvent } from './authorizer-events';

const request: GatewayRequest = {
  method: 'GET',
  rawPath: '/pets/a%20b',
  rawQueryString: 'x=1',
  headers: [
    ['Host', 'api.local'],
    ['Authorization', 'Bearer t'],
  ],
  body: Buffer.from('ignored'),
  sourceIp: '10.0.0.1',
  protocol: 'HTTP/1.1',
  requestId: 'req-1',
  receivedAt: 0,
};
const route = (payloadFormat: '1.0' | '2.0'): RouteMatch => ({
  function: 'fn',
  resource: '/pets/{id}',
  routeKey: 'GET /pets/{id}',
  method: 'GET',
  payloadFormat,
  pathParameters: { id: 'a b' },
  api: {
    id: payloadFormat === '2.0' ? 'implicit-http' : 'implicit-rest',
    declared: false,
    kind: payloadFormat === '2.0' ? 'http' : 'rest',
    stage: payloadFormat === '2.0' ? '$default' : 'prod',
    stageVariables: {},
    binaryMediaTypes: [],
  },
  stagePrefix: '',
  timeoutMs: 29000,
});
const base: LambdaAuthorizerDefinition = {
  type: 'lambda',
  api: 'rest',
  function: 'auth',
  payloadType: 'REQUEST',
  identitySource: [],
  ttlSeconds: 0,
};
const REST_ARN = 'arn:aws:execute-api:us-east-1:000000000000:onpre-lambda/prod/GET/pets/a b';

describe('authorizerEvent', () => {
  it('TOKEN: type, token and method ARN only', () => {
    expect(
      authorizerEvent({ ...base, payloadType: 'TOKEN' }, request, route('1.0'), ['Bearer t']),
    ).toEqual({
      type: 'TOKEN',
      methodArn: REST_ARN,
      authorizationToken: 'Bearer t',
    });
  });

  it('REST REQUEST: the proxy event without body, with type and methodArn', () => {
    const event = authorizerEvent(base, request, route('1.0'), []);
    expect(event).toMatchObject({
      type: 'REQUEST',
      methodArn: REST_ARN,
      resource: '/pets/{id}',
      pathParameters: { id: 'a b' },
      queryStringParameters: { x: '1' },
    });
    expect(Object.keys(event)).not.toEqual(
      expect.arrayContaining(['body', 'isBase64Encoded', 'version']),
    );
  });

  it('HTTP API 1.0: adds version and the identity values joined by commas', () => {
    const event = authorizerEvent(
      { ...base, api: 'http', payloadFormat: '1.0' },
      request,
      route('1.0'),
      ['a', 'b'],
    );
    expect(event).toMatchObject({
      version: '1.0',
      identitySource: 'a,b',
      authorizationToken: 'a,b',
    });
  });

  it('HTTP API 2.0: the 2.0 event without body, with routeArn and identitySource list', () => {
    const event = authorizerEvent(
      { ...base, api: 'http', payloadFormat: '2.0' },
      request,
      route('2.0'),
      ['a'],
    );
    expect(event).toMatchObject({
      version: '2.0',
      type: 'REQUEST',
      routeArn: 'arn:aws:execute-api:us-east-1:000000000000:onpre-lambda/$default/GET/pets/a b',
      identitySource: ['a'],
      routeKey: 'GET /pets/{id}',
      rawPath: '/pets/a%20b',
    });
    expect(event).not.toHaveProperty('body');
  });
});
