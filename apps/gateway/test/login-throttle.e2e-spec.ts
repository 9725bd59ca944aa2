import { FakeManager } from './support/fake-manager';
import { startGateway, TEST_SECRETS, type TestGateway } from './support/gateway-app';

describe('login hardening: repeated failures from one client', () => {
  let manager: FakeManager;
  let gateway: TestGateway;

  beforeAll(async () => {
    manager = await new FakeManager(TEST_SECRETS.MANAGER_TOKEN).start();
    gateway = await startGateway(manager.url, [], {
      LOGIN_MAX_FAILURES: '2',
      LOGIN_LOCKOUT_SECONDS: '1',
    });
  });

  afterAll(async () => {
    await gateway.app.close();
    await manager.stop();
  });

  const login = (password: string) =>
    gateway.app.inject({
      method: 'POST',
      url: '/user/auth/ver1.0',
      headers: { 'x-api-key': TEST_SECRETS.X_API_KEY, 'content-type': 'application/json' },
      payload: { AuthParameters: { USERNAME: TEST_SECRETS.AUTH_USER, PASSWORD: password } },
    });

  it('locks the client out (429, even with the right password) and lets it in after the lockout', async () => {
    expect((await login('wrong-1')).statusCode).toBe(401);
    expect((await login('wrong-2')).statusCode).toBe(401);
    const locked = await login(TEST_SECRETS.AUTH_PASS);
    expect([locked.statusCode, locked.json()]).toEqual([429, { message: 'Too Many Requests' }]);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await login(TEST_SECRETS.AUTH_PASS)).statusCode).toBe(200);
  });
});
