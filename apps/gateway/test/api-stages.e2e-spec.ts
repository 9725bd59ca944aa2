import { setTimeout as sleep } from 'node:timers/promises';
import { loginHeader, startGateway, TEST_SECRETS, TestGateway } from './support/gateway-app';
import { FakeContainer, FakeHandler } from './support/fake-container';
import { FakeManager } from './support/fake-manager';

/**
 * Stages, stage variables, per-API error answers and the integration timeout, through the built
 * Gateway against real HTTP upstreams.
 */
const handlers: Record<string, FakeHandler> = {
  stageEcho: (event) => ({ result: { statusCode: 200, body: JSON.stringify(event) } }),
  stageFailing: () => ({
    headers: { 'X-Amz-Function-Error': 'Unhandled' },
    result: { errorType: 'Error', errorMessage: 'boom' },
  }),
  stageBinary: (event) => ({
    result: {
      statusCode: 200,
      headers: { 'content-type': 'image/png' },
      body: Buffer.from([0x89, 0x50, 0x4e, 0x47]).toString('base64'),
      isBase64Encoded: true,
      received: event.isBase64Encoded,
    },
  }),
  stageSlow: async () => {
    await sleep(1500);
    return { result: { statusCode: 200, body: 'late' } };
  },
};

describe('API stages and errors as API Gateway answers them', () => {
  const containers: Record<string, FakeContainer> = {};
  let manager: FakeManager;
  let gateway: TestGateway;
  let auth: { authorization: string };

  beforeAll(async () => {
    manager = await new FakeManager(TEST_SECRETS.MANAGER_TOKEN).start();
    for (const [name, handler] of Object.entries(handlers)) {
      containers[name] = await new FakeContainer(handler).start();
      manager.define(name, { running: [], spare: [containers[name].url] });
    }
    gateway = await startGateway(manager.url, {
      routes: [
        { path: '/rest/{id}', method: 'GET', function: 'stageEcho', api: 'Rest' },
        { path: '/rest-fail', method: 'GET', function: 'stageFailing', api: 'Rest' },
        { path: '/rest-bin', method: 'ANY', function: 'stageBinary', api: 'Rest' },
        { path: '/rest-slow', method: 'GET', function: 'stageSlow', api: 'Rest', timeoutMs: 300 },
        {
          path: '/http/{id}',
          method: 'GET',
          function: 'stageEcho',
          api: 'Http',
          payloadFormat: '2.0',
        },
        {
          path: '/http-fail',
          method: 'GET',
          function: 'stageFailing',
          api: 'Http',
          payloadFormat: '2.0',
        },
        {
          path: '/http-slow',
          method: 'GET',
          function: 'stageSlow',
          api: 'Http',
          payloadFormat: '2.0',
          timeoutMs: 300,
        },
      ],
      apis: {
        Rest: {
          kind: 'rest',
          stage: 'v1',
          stageVariables: { table: 'orders-v1' },
          binaryMediaTypes: ['image/png'],
        },
        Http: { kind: 'http', stage: '$default', stageVariables: { mode: 'live' } },
      },
    });
    auth = await loginHeader(gateway.app);
  });

  afterAll(async () => {
    await gateway.app.close();
    await Promise.all([manager.stop(), ...Object.values(containers).map((c) => c.stop())]);
  });

  const get = (url: string) => gateway.app.inject({ method: 'GET', url, headers: auth });

  it.each([
    ['/v1/rest/a%20b', '/rest/a%20b', '/v1/rest/a%20b'],
    ['/rest/a%20b', '/rest/a%20b', '/rest/a%20b'],
  ])('REST %s: path %s, requestContext.path %s, stage and variables', async (url, path, full) => {
    const response = await get(url);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      path,
      pathParameters: { id: 'a%20b' },
      stageVariables: { table: 'orders-v1' },
      requestContext: { path: full, stage: 'v1' },
    });
  });

  it('HTTP API: $default stage, decoded path parameters, stage variables', async () => {
    const response = await get('/http/a%20b');
    expect(response.json()).toMatchObject({
      rawPath: '/http/a%20b',
      pathParameters: { id: 'a b' },
      stageVariables: { mode: 'live' },
      requestContext: { stage: '$default', http: { path: '/http/a b' } },
    });
  });

  it.each([
    ['/rest-fail', 502, '{"message": "Internal server error"}'],
    ['/http-fail', 500, '{"message":"Internal Server Error"}'],
    ['/rest-slow', 504, '{"message": "Endpoint request timed out"}'],
    ['/http-slow', 503, '{"message":"Service Unavailable"}'],
  ])('%s → %i %s', async (url, status, body) => {
    const started = Date.now();
    const response = await get(url);
    expect(response.statusCode).toBe(status);
    expect(response.body).toBe(body);
    if (url.endsWith('slow')) expect(Date.now() - started).toBeLessThan(1400);
  });

  it.each([
    ['image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47])],
    ['text/html, image/png', Buffer.from('iVBORw==')],
    [undefined, Buffer.from('iVBORw==')],
  ])('REST binary media types: Accept %s gets %j', async (accept, bytes) => {
    const response = await gateway.app.inject({
      method: 'GET',
      url: '/rest-bin',
      headers: { ...auth, ...(accept ? { accept } : {}) },
    });
    expect(response.rawPayload).toEqual(bytes);
  });

  it('REST binary media types: a request body of one is base64 in the event', async () => {
    await gateway.app.inject({
      method: 'POST',
      url: '/rest-bin',
      headers: { ...auth, 'content-type': 'image/png' },
      payload: Buffer.from([0xff, 0x00]),
    });
    expect(containers.stageBinary.events.at(-1)).toMatchObject({
      body: '/wA=',
      isBase64Encoded: true,
    });
  });
});
