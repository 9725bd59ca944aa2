import { writeFileSync } from 'node:fs';
import { RoutesReloader } from '../src/routing/routes-reloader';
import { FakeContainer } from './support/fake-container';
import { FakeManager } from './support/fake-manager';
import { loginHeader, startGateway, TEST_SECRETS, TestGateway } from './support/gateway-app';

/** routing.yml changes while the Gateway runs: on disk, by SIGHUP, and an invalid file kept out. */
describe('routing.yml reload', () => {
  let container: FakeContainer;
  let manager: FakeManager;
  let gateway: TestGateway;
  let auth: { authorization: string };

  const status = async (url: string) =>
    (await gateway.app.inject({ method: 'GET', url, headers: auth })).statusCode;
  const writeRoutes = (paths: string[]) =>
    writeFileSync(
      gateway.env.ROUTING_FILE,
      `routes:\n${paths.map((path) => `  - { path: ${path}, method: GET, function: echo }\n`).join('')}`,
    );
  async function eventuallyStatus(url: string, expected: number): Promise<number> {
    let last = 0;
    for (let attempt = 0; attempt < 250 && last !== expected; attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 20));
      last = await status(url);
    }
    return last;
  }

  beforeAll(async () => {
    container = await FakeContainer.answering({ statusCode: 200, body: 'ok' }).start();
    manager = await new FakeManager(TEST_SECRETS.MANAGER_TOKEN)
      .define('echo', { running: [container.url] })
      .start();
    gateway = await startGateway(manager.url, [{ path: '/a', method: 'GET', function: 'echo' }]);
    auth = await loginHeader(gateway.app);
  });

  afterAll(async () => {
    await gateway.app.close();
    await Promise.all([manager.stop(), container.stop()]);
  });

  it('serves a route added to the file on disk, and stops serving a removed one', async () => {
    expect(await status('/b')).toBe(404);
    writeRoutes(['/b']);
    expect(await eventuallyStatus('/b', 200)).toBe(200);
    expect(await status('/a')).toBe(404);
  });

  it('keeps the routes in use when the new file is invalid', async () => {
    const reloader = gateway.app.get(RoutesReloader);
    writeFileSync(gateway.env.ROUTING_FILE, 'routes:\n  - { path: no-slash, method: GET }\n');
    expect(reloader.reload('SIGHUP')).toBe(false);
    expect(await status('/b')).toBe(200);
  });

  it('reloads on SIGHUP', async () => {
    const reloader = gateway.app.get(RoutesReloader);
    const reload = jest.spyOn(reloader, 'reload');
    writeRoutes(['/c']);
    process.emit('SIGHUP');
    expect(reload).toHaveBeenCalledWith('SIGHUP');
    expect(reload.mock.results[0].value).toBe(true);
    expect(await status('/c')).toBe(200);
    reload.mockRestore();
  });
});
