import { SignJWT, UnsecuredJWT } from 'jose';
import { loginHeader, startGateway, TEST_SECRETS, TestGateway } from './support/gateway-app';
import { FakeContainer } from './support/fake-container';
import { FakeManager } from './support/fake-manager';

const login = (path: string, apiKey: string | undefined, body: unknown) => ({
  method: 'POST' as const,
  url: path,
  headers: { 'content-type': 'application/json', ...(apiKey ? { 'x-api-key': apiKey } : {}) },
  payload: typeof body === 'string' ? body : JSON.stringify(body),
});
const goodBody = { AuthParameters: { USERNAME: 'alice', PASSWORD: 'alice-password' } };
const secret = new TextEncoder().encode(TEST_SECRETS.JWT_SECRET_KEY);
const now = () => Math.floor(Date.now() / 1000);

describe('Gateway auth', () => {
  let manager: FakeManager;
  let container: FakeContainer;
  let gateway: TestGateway;

  beforeAll(async () => {
    container = await FakeContainer.answering({ statusCode: 200, body: 'ok' }).start();
    manager = await new FakeManager(TEST_SECRETS.MANAGER_TOKEN)
      .define('hello', { running: [container.url] })
      .start();
    gateway = await startGateway(manager.url, [
      { path: '/hello', method: 'GET', function: 'hello' },
    ]);
  });

  afterAll(async () => {
    await gateway.app.close();
    await Promise.all([manager.stop(), container.stop()]);
  });

  it.each(['/user/auth/ver1.0', '/user/auth/v1'])('%s issues an HS256 ID token', async (path) => {
    const response = await gateway.app.inject(login(path, TEST_SECRETS.X_API_KEY, goodBody));
    expect(response.statusCode).toBe(200);
    const result = response.json().AuthenticationResult;
    expect(result).toMatchObject({ ExpiresIn: 3000, TokenType: 'Bearer' });
    const [header, payload] = (result.IdToken as string)
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
    expect(header.alg).toBe('HS256');
    expect(payload).toMatchObject({ sub: 'alice', 'cognito:username': 'alice' });
    expect(payload.exp - payload.iat).toBe(3000);
  });

  it.each([
    { case: 'missing API key', key: undefined, body: goodBody, status: 401 },
    { case: 'wrong API key', key: 'wrong-key-value', body: goodBody, status: 401 },
    {
      case: 'wrong password',
      key: TEST_SECRETS.X_API_KEY,
      body: { AuthParameters: { USERNAME: 'alice', PASSWORD: 'nope' } },
      status: 401,
    },
    { case: 'body not JSON', key: TEST_SECRETS.X_API_KEY, body: 'not json', status: 400 },
    {
      case: 'no AuthParameters',
      key: TEST_SECRETS.X_API_KEY,
      body: { USERNAME: 'a' },
      status: 400,
    },
  ])('login with $case → $status', async ({ key, body, status }) => {
    const response = await gateway.app.inject(login('/user/auth/ver1.0', key, body));
    expect(response.statusCode).toBe(status);
    expect(response.json()).toEqual({ message: status === 401 ? 'Unauthorized' : 'Bad Request' });
  });

  it('lets a routed request through with the issued token', async () => {
    const response = await gateway.app.inject({
      method: 'GET',
      url: '/hello',
      headers: await loginHeader(gateway.app),
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('ok');
  });

  const tokens: Array<[string, () => Promise<string>]> = [
    ['no token', async () => ''],
    ['garbage', async () => 'Bearer not.a.jwt'],
    [
      'bad signature',
      async () =>
        `Bearer ${await new SignJWT({ sub: 'alice' })
          .setProtectedHeader({ alg: 'HS256' })
          .setExpirationTime(now() + 60)
          .sign(new TextEncoder().encode('another-secret-another-secret-0123456789'))}`,
    ],
    [
      'alg none',
      async () =>
        `Bearer ${new UnsecuredJWT({ sub: 'alice' }).setExpirationTime(now() + 60).encode()}`,
    ],
    [
      'expired',
      async () =>
        `Bearer ${await new SignJWT({ sub: 'alice' })
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuedAt(now() - 120)
          .setExpirationTime(now() - 60)
          .sign(secret)}`,
    ],
    [
      'HS512 with the right secret',
      async () =>
        `Bearer ${await new SignJWT({ sub: 'alice' })
          .setProtectedHeader({ alg: 'HS512' })
          .setExpirationTime(now() + 60)
          .sign(secret)}`,
    ],
    ['the API key instead of a token', async () => `Bearer ${TEST_SECRETS.X_API_KEY}`],
  ];

  it.each(tokens)('rejects a routed request with %s (401)', async (_case, authorization) => {
    const value = await authorization();
    const response = await gateway.app.inject({
      method: 'GET',
      url: '/hello',
      headers: value ? { authorization: value } : {},
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ message: 'Unauthorized' });
  });

  it('answers 401 for an unknown path without a token, 404 with one', async () => {
    const anonymous = await gateway.app.inject({ method: 'GET', url: '/nowhere' });
    expect(anonymous.statusCode).toBe(401);
    const known = await gateway.app.inject({
      method: 'GET',
      url: '/nowhere',
      headers: await loginHeader(gateway.app),
    });
    expect(known.statusCode).toBe(404);
    expect(known.json()).toEqual({ message: 'Not Found' });
  });

  it('answers 404 for a known path with a method the route does not allow', async () => {
    const response = await gateway.app.inject({
      method: 'DELETE',
      url: '/hello',
      headers: await loginHeader(gateway.app),
    });
    expect(response.statusCode).toBe(404);
  });
});
