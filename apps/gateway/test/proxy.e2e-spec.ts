import { request } from 'undici';
import {
  gatewayUrl,
  loginHeader,
  startGateway,
  TEST_SECRETS,
  TestGateway,
} from './support/gateway-app';
import { FakeContainer, FakeHandler } from './support/fake-container';
import { FakeManager } from './support/fake-manager';

/** One function per behaviour; each answers through a real HTTP upstream. */
const handlers: Record<string, FakeHandler> = {
  echo: (event) => ({ result: { statusCode: 200, body: JSON.stringify(event) } }),
  rich: () => ({
    result: {
      statusCode: 201,
      headers: { 'X-Single': 'one', 'content-type': 'text/plain' },
      multiValueHeaders: { 'X-Multi': ['a', 'b'], 'Set-Cookie': ['s=1', 't=2'] },
      body: 'plain text, not JSON-quoted',
    },
  }),
  binary: () => ({
    result: {
      statusCode: 200,
      headers: { 'content-type': 'image/png' },
      body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00]).toString('base64'),
      isBase64Encoded: true,
    },
  }),
  v2plain: () => ({ result: { ok: true } }),
  v2cookies: () => ({ result: { statusCode: 200, cookies: ['a=1; Path=/', 'b=2'], body: 'c' } }),
  failing: () => ({
    headers: { 'X-Amz-Function-Error': 'Unhandled' },
    result: { errorType: 'Error', errorMessage: 'boom', stackTrace: ['at x'] },
  }),
  rieError: () => ({ result: { errorType: 'TypeError', errorMessage: 'x is undefined' } }),
  malformed: () => ({ result: { body: 'no status code' } }),
  slow: () => ({
    status: 504,
    headers: { 'X-Amz-Function-Error': 'Unhandled' },
    result: { errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 3.00 seconds' },
  }),
  crashing: () => ({
    status: 502,
    result: { errorType: 'Runtime.ExitError', errorMessage: 'exit 1' },
  }),
};

describe('Gateway proxying', () => {
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
    manager.define('broken', { running: [], failWith: 503 }).define('startslow', {
      running: [],
      failWith: 504,
    });
    gateway = await startGateway(
      manager.url,
      [
        { path: '/echo/{proxy+}', method: 'ANY', function: 'echo' },
        { path: '/items/{id}', method: 'GET', function: 'echo' },
        { path: '/v2/echo', method: 'POST', function: 'echo', payloadFormat: '2.0' },
        { path: '/v2/plain', method: 'GET', function: 'v2plain', payloadFormat: '2.0' },
        { path: '/v2/cookies', method: 'GET', function: 'v2cookies', payloadFormat: '2.0' },
        ...['rich', 'binary', 'failing', 'rieError', 'malformed', 'slow', 'crashing'].map(
          (name) => ({
            path: `/${name}`,
            method: 'GET',
            function: name,
          }),
        ),
        { path: '/broken', method: 'GET', function: 'broken' },
        { path: '/startslow', method: 'GET', function: 'startslow' },
        { path: '/missing', method: 'GET', function: 'notdefined' },
      ],
      { BODY_LIMIT_BYTES: '4096' },
    );
    auth = await loginHeader(gateway.app);
  });

  afterAll(async () => {
    await gateway.app.close();
    await Promise.all([manager.stop(), ...Object.values(containers).map((c) => c.stop())]);
  });

  const lastEvent = (name: string) => containers[name].events.at(-1);

  it('sends a v1 event with multi-value headers and query, path parameters and claims', async () => {
    const response = await request(`${gatewayUrl(gateway.app)}/items/a%20b?tag=x&tag=y&empty=`, {
      headers: ['authorization', auth.authorization, 'x-multi', '1', 'x-multi', '2'].concat([
        'x-request-id',
        'trace-abc',
      ]),
    });
    await response.body.dump();
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-request-id']).toBe('trace-abc');
    const event = lastEvent('echo');
    expect(event).toMatchObject({
      resource: '/items/{id}',
      path: '/items/a%20b',
      httpMethod: 'GET',
      pathParameters: { id: 'a%20b' },
      queryStringParameters: { tag: 'y', empty: '' },
      multiValueQueryStringParameters: { tag: ['x', 'y'], empty: [''] },
      headers: { 'x-multi': '2' },
      multiValueHeaders: { 'x-multi': ['1', '2'] },
      body: null,
      isBase64Encoded: false,
      requestContext: {
        requestId: 'trace-abc',
        identity: { sourceIp: '127.0.0.1' },
        authorizer: { claims: { sub: 'alice', 'cognito:username': 'alice' } },
      },
    });
    expect(containers.echo.requestIds.at(-1)).toBe('trace-abc');
  });

  it('captures the rest of the path for {proxy+} with slashes kept, encoded as sent (REST)', async () => {
    await gateway.app.inject({ method: 'DELETE', url: '/echo/a/b%2Fc/d', headers: auth });
    expect(lastEvent('echo')).toMatchObject({
      httpMethod: 'DELETE',
      pathParameters: { proxy: 'a/b%2Fc/d' },
      queryStringParameters: null,
      multiValueQueryStringParameters: null,
    });
  });

  it.each(['PATCH', 'OPTIONS', 'HEAD', 'PUT'])('routes %s to an ANY route', async (method) => {
    const response = await gateway.app.inject({
      method: method as 'PATCH',
      url: '/echo/m',
      headers: auth,
    });
    expect(response.statusCode).toBe(200);
    expect(lastEvent('echo')).toMatchObject({ httpMethod: method, resource: '/echo/{proxy+}' });
  });

  it('base64-encodes a binary request body and keeps a JSON one as text', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251]);
    await gateway.app.inject({
      method: 'POST',
      url: '/echo/upload',
      headers: { ...auth, 'content-type': 'application/octet-stream' },
      payload: bytes,
    });
    expect(lastEvent('echo')).toMatchObject({
      body: bytes.toString('base64'),
      isBase64Encoded: true,
    });
    await gateway.app.inject({
      method: 'POST',
      url: '/echo/json',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: '{"a": [1, 2]}',
    });
    expect(lastEvent('echo')).toMatchObject({ body: '{"a": [1, 2]}', isBase64Encoded: false });
  });

  it('sends a v2 event with cookies, comma-joined headers and the raw query string', async () => {
    const response = await request(`${gatewayUrl(gateway.app)}/v2/echo?b=2&a=1&a=3`, {
      method: 'POST',
      headers: ['authorization', auth.authorization, 'cookie', 'x=1; y=2', 'x-dup', 'p'].concat([
        'x-dup',
        'q',
        'content-type',
        'text/plain',
      ]),
      body: 'hi',
    });
    await response.body.dump();
    expect(lastEvent('echo')).toMatchObject({
      version: '2.0',
      routeKey: 'POST /v2/echo',
      rawPath: '/v2/echo',
      rawQueryString: 'b=2&a=1&a=3',
      cookies: ['x=1', 'y=2'],
      queryStringParameters: { a: '1,3', b: '2' },
      headers: { 'x-dup': 'p,q' },
      body: 'hi',
      isBase64Encoded: false,
      requestContext: { authorizer: { jwt: { claims: { sub: 'alice' } } } },
    });
    expect(lastEvent('echo')).not.toHaveProperty(['headers', 'cookie']);
  });

  it('maps a v1 result: status, merged headers, cookies, plain body', async () => {
    const response = await gateway.app.inject({ method: 'GET', url: '/rich', headers: auth });
    expect(response.statusCode).toBe(201);
    expect(response.headers).toMatchObject({
      'x-single': 'one',
      'x-multi': ['a', 'b'],
      'set-cookie': ['s=1', 't=2'],
      'content-type': 'text/plain',
    });
    expect(response.body).toBe('plain text, not JSON-quoted');
  });

  it('decodes a base64 result body', async () => {
    const response = await gateway.app.inject({ method: 'GET', url: '/binary', headers: auth });
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.rawPayload).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00]));
  });

  it('infers a v2 response from a bare value and sends v2 cookies as Set-Cookie', async () => {
    const plain = await gateway.app.inject({ method: 'GET', url: '/v2/plain', headers: auth });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toBe('application/json');
    expect(plain.json()).toEqual({ ok: true });
    const cookies = await gateway.app.inject({ method: 'GET', url: '/v2/cookies', headers: auth });
    expect(cookies.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2']);
  });

  it.each([
    { path: '/failing', status: 502, message: 'Internal server error' },
    { path: '/rieError', status: 502, message: 'Internal server error' },
    { path: '/malformed', status: 502, message: 'Internal server error' },
    { path: '/crashing', status: 502, message: 'Internal server error' },
    { path: '/slow', status: 502, message: 'Internal server error' },
    { path: '/broken', status: 503, message: 'Service Unavailable' },
    { path: '/startslow', status: 504, message: 'Endpoint request timed out' },
    { path: '/missing', status: 502, message: 'Internal server error' },
  ])('answers $path with $status and no details', async ({ path, status, message }) => {
    const response = await gateway.app.inject({ method: 'GET', url: path, headers: auth });
    expect(response.statusCode).toBe(status);
    expect(response.json()).toEqual({ message });
  });

  it('answers 413 for a body over the limit', async () => {
    const response = await gateway.app.inject({
      method: 'POST',
      url: '/echo/big',
      headers: { ...auth, 'content-type': 'application/octet-stream' },
      payload: Buffer.alloc(5000, 1),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual({ message: 'Request Too Long' });
  });

  it('passes the request id to the Manager and serves warm requests from the cache', async () => {
    const before = manager.ensureCalls.length;
    await gateway.app.inject({
      method: 'GET',
      url: '/v2/plain',
      headers: { ...auth, 'x-request-id': 'warm-1' },
    });
    await gateway.app.inject({ method: 'GET', url: '/v2/plain', headers: auth });
    expect(manager.ensureCalls.length).toBe(before);
    const cold = await gateway.app.inject({
      method: 'GET',
      url: '/echo/first-of-its-kind',
      headers: auth,
    });
    expect(cold.statusCode).toBe(200);
    expect(manager.ensureRequestIds).toContain(
      (containers.echo.events[0].requestContext as { requestId: string }).requestId,
    );
  });
});
