import { loginHeader, startGateway, TEST_SECRETS, TestGateway } from './support/gateway-app';
import { FakeContainer } from './support/fake-container';
import { FakeManager } from './support/fake-manager';

/** CORS through the Gateway's pipeline, as API Gateway answers it for REST and for HTTP APIs. */
describe('CORS', () => {
  let container: FakeContainer;
  let manager: FakeManager;
  let gateway: TestGateway;
  let auth: { authorization: string };

  beforeAll(async () => {
    manager = await new FakeManager(TEST_SECRETS.MANAGER_TOKEN).start();
    container = await new FakeContainer(() => ({
      result: {
        statusCode: 200,
        headers: {
          'Access-Control-Allow-Origin': 'https://own.test',
          'content-type': 'text/plain',
        },
        body: 'hello',
      },
    })).start();
    manager.define('corsFn', { running: [], spare: [container.url] });
    gateway = await startGateway(manager.url, {
      routes: [
        { path: '/rest/items', method: 'GET', function: 'corsFn', api: 'Rest' },
        { path: '/rest/items', method: 'POST', function: 'corsFn', api: 'Rest' },
        { path: '/rest/own', method: 'OPTIONS', function: 'corsFn', api: 'Rest' },
        {
          path: '/http/{proxy+}',
          method: 'ANY',
          function: 'corsFn',
          api: 'Http',
          payloadFormat: '2.0',
        },
      ],
      apis: {
        Rest: {
          kind: 'rest',
          stage: 'Prod',
          cors: {
            allowOrigins: ['*'],
            allowMethods: [],
            allowHeaders: ['Content-Type', 'X-Api-Key'],
          },
        },
        Http: {
          kind: 'http',
          stage: '$default',
          cors: {
            allowOrigins: ['https://app.example.com'],
            allowMethods: ['GET', 'POST'],
            allowHeaders: ['content-type'],
            exposeHeaders: ['x-total'],
            maxAge: 600,
          },
        },
      },
    });
    auth = await loginHeader(gateway.app);
  });

  afterAll(async () => {
    await gateway.app.close();
    await Promise.all([manager.stop(), container.stop()]);
  });

  it.each([
    [
      '/http/a',
      204,
      {
        'access-control-allow-origin': 'https://app.example.com',
        'access-control-allow-methods': 'GET,POST',
        'access-control-allow-headers': 'content-type',
        'access-control-max-age': '600',
      },
    ],
    [
      '/Prod/rest/items',
      200,
      {
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'GET,OPTIONS,POST',
        'access-control-allow-headers': 'Content-Type,X-Api-Key',
        'content-type': 'application/json',
      },
    ],
    ['/rest/items', 200, { 'access-control-allow-methods': 'GET,OPTIONS,POST' }],
  ])(
    'preflight %s → %i without a token and without invoking the function',
    async (url, status, headers) => {
      const before = container.events.length;
      const response = await gateway.app.inject({
        method: 'OPTIONS',
        url,
        headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' },
      });
      expect(response.statusCode).toBe(status);
      expect(response.headers).toMatchObject(headers);
      expect(response.body).toBe('');
      expect(container.events.length).toBe(before);
    },
  );

  it('an HTTP API preflight from another origin gets 204 without CORS headers', async () => {
    const response = await gateway.app.inject({
      method: 'OPTIONS',
      url: '/http/a',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('an HTTP API response gets the configured headers; the function’s own are dropped', async () => {
    const response = await gateway.app.inject({
      method: 'GET',
      url: '/http/a',
      headers: { ...auth, origin: 'https://app.example.com' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(response.headers['access-control-expose-headers']).toBe('x-total');
  });

  it('a REST response carries only what the function set (SAM adds CORS to OPTIONS alone)', async () => {
    const response = await gateway.app.inject({
      method: 'GET',
      url: '/rest/items',
      headers: { ...auth, origin: 'https://app.example.com' },
    });
    expect(response.headers['access-control-allow-origin']).toBe('https://own.test');
  });

  it('a REST path with its own OPTIONS route reaches the function (with auth)', async () => {
    const before = container.events.length;
    const denied = await gateway.app.inject({ method: 'OPTIONS', url: '/rest/own' });
    expect(denied.statusCode).toBe(401);
    const response = await gateway.app.inject({
      method: 'OPTIONS',
      url: '/rest/own',
      headers: auth,
    });
    expect(response.statusCode).toBe(200);
    expect(container.events.length).toBe(before + 1);
  });
});
