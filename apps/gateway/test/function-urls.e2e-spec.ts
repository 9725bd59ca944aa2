import request from 'supertest';
import { startGateway, TEST_SECRETS, TestGateway } from './support/gateway-app';
import { FakeContainer } from './support/fake-container';
import { FakeManager } from './support/fake-manager';
import { sigV4Headers } from './support/sigv4-headers';

const credentials = {
  accessKeyId: TEST_SECRETS.FUNCTION_AWS_ACCESS_KEY_ID,
  secretAccessKey: TEST_SECRETS.FUNCTION_AWS_SECRET_ACCESS_KEY,
};

/** Lambda function URLs through the Gateway: no routes, no login; NONE, AWS_IAM, CORS. */
describe('function URLs', () => {
  let open: FakeContainer;
  let signed: FakeContainer;
  let manager: FakeManager;
  let gateway: TestGateway;

  beforeAll(async () => {
    manager = await new FakeManager(TEST_SECRETS.MANAGER_TOKEN).start();
    open = await new FakeContainer(() => ({
      result: {
        statusCode: 201,
        headers: {
          'content-type': 'text/plain',
          'Access-Control-Allow-Origin': 'https://own.test',
        },
        cookies: ['a=1'],
        body: 'made',
      },
    })).start();
    signed = FakeContainer.answering({ ok: true });
    await signed.start();
    manager.define('urlOpenFn', { running: [], spare: [open.url] });
    manager.define('urlIamFn', { running: [], spare: [signed.url] });
    gateway = await startGateway(manager.url, {
      routes: [],
      functionUrls: {
        urlOpenFn: {
          authType: 'NONE',
          invokeMode: 'BUFFERED',
          cors: {
            allowOrigins: ['https://app.example.com'],
            allowMethods: ['GET', 'POST'],
            allowHeaders: ['x-custom'],
            exposeHeaders: ['x-total'],
            maxAge: 60,
          },
        },
        urlIamFn: { authType: 'AWS_IAM', invokeMode: 'BUFFERED' },
      },
    });
  });

  afterAll(async () => {
    await gateway.app.close();
    await Promise.all([manager.stop(), open.stop(), signed.stop()]);
  });

  it('AuthType NONE: invokes without credentials with the event Lambda sends for a URL', async () => {
    const response = await request(gateway.app.getHttpServer())
      .post('/lambda-url/urlOpenFn/orders/a%20b?x=1&x=2')
      .set('origin', 'https://app.example.com')
      .set('cookie', 'c=3')
      .set('content-type', 'application/json')
      .send('{"n":1}');
    expect(response.status).toBe(201);
    expect(response.text).toBe('made');
    expect(response.headers['set-cookie']).toEqual(['a=1']);
    // CORS from the URL's configuration; the function's own Access-Control-* header is dropped.
    expect(response.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(response.headers['access-control-expose-headers']).toBe('x-total');
    const event = open.events.at(-1)!;
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: '$default',
      rawPath: '/orders/a%20b',
      rawQueryString: 'x=1&x=2',
      cookies: ['c=3'],
      queryStringParameters: { x: '1,2' },
      body: '{"n":1}',
      isBase64Encoded: false,
      requestContext: {
        accountId: 'anonymous',
        apiId: 'urlopenfn',
        domainPrefix: 'urlopenfn',
        routeKey: '$default',
        stage: '$default',
        http: { method: 'POST', path: '/orders/a b' },
      },
    });
    expect(event).not.toHaveProperty('pathParameters');
    expect(event).not.toHaveProperty('stageVariables');
    expect(event.requestContext).not.toHaveProperty('authorizer');
  });

  it('the URL root is the path /', async () => {
    await request(gateway.app.getHttpServer()).get('/lambda-url/urlOpenFn').expect(201);
    expect(open.events.at(-1)).toMatchObject({ rawPath: '/', rawQueryString: '' });
  });

  it.each([
    [
      'allowed origin and method',
      'https://app.example.com',
      'POST',
      {
        'access-control-allow-origin': 'https://app.example.com',
        'access-control-allow-methods': 'GET,POST',
        'access-control-allow-headers': 'x-custom',
        'access-control-max-age': '60',
      },
    ],
    ['other origin', 'https://evil.test', 'POST', {}],
    ['method not allowed', 'https://app.example.com', 'DELETE', {}],
  ])('CORS preflight, %s: answered without invoking', async (_case, origin, method, headers) => {
    const before = open.events.length;
    const response = await request(gateway.app.getHttpServer())
      .options('/lambda-url/urlOpenFn/orders')
      .set('origin', origin)
      .set('access-control-request-method', method);
    expect(response.status).toBe(204);
    for (const [name, value] of Object.entries(headers)) expect(response.headers[name]).toBe(value);
    if (Object.keys(headers).length === 0)
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(open.events.length).toBe(before);
  });

  it('AuthType AWS_IAM: a SigV4 signature with the functions credentials is accepted', async () => {
    const server = gateway.app.getHttpServer();
    const path = '/lambda-url/urlIamFn/report?day=1';
    const headers = await sigV4Headers({
      method: 'GET',
      path,
      host: 'gateway.test',
      body: '',
      service: 'lambda',
      credentials,
    });
    const response = await request(server).get(path).set('host', 'gateway.test').set(headers);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ok: true });
    expect(signed.events.at(-1)).toMatchObject({
      rawPath: '/report',
      requestContext: {
        accountId: '000000000000',
        domainName: 'gateway.test',
        authorizer: { iam: { accessKey: credentials.accessKeyId, cognitoIdentity: null } },
      },
    });
  });

  it.each([
    ['no signature', {}],
    ['a wrong secret', { secretAccessKey: 'not-the-secret-0000000' }],
  ])('AuthType AWS_IAM: %s → 403 {"Message":"Forbidden"}, no invoke', async (_case, change) => {
    const before = signed.events.length;
    const path = '/lambda-url/urlIamFn/report';
    const headers =
      _case === 'no signature'
        ? {}
        : await sigV4Headers({
            method: 'GET',
            path,
            host: 'gateway.test',
            body: '',
            service: 'lambda',
            credentials: { ...credentials, ...change },
          });
    const response = await request(gateway.app.getHttpServer())
      .get(path)
      .set('host', 'gateway.test')
      .set(headers);
    expect(response.status).toBe(403);
    expect(response.text).toBe('{"Message":"Forbidden"}');
    expect(signed.events.length).toBe(before);
  });

  it('a function without a URL → 404 {"Message":"Not Found"}', async () => {
    const response = await request(gateway.app.getHttpServer()).get('/lambda-url/nosuchFn/x');
    expect(response.status).toBe(404);
    expect(response.text).toBe('{"Message":"Not Found"}');
  });
});
