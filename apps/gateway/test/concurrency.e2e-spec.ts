import { request } from 'undici';
import {
  gatewayUrl,
  loginHeader,
  startGateway,
  TEST_SECRETS,
  TestGateway,
} from './support/gateway-app';
import { FakeContainer, Latch, until } from './support/fake-container';
import { FakeManager } from './support/fake-manager';

describe('Gateway pooling against busy and failing containers', () => {
  const latches = { slow: new Latch(), single: new Latch() };
  const containers: FakeContainer[] = [];
  let manager: FakeManager;
  let gateway: TestGateway;
  let auth: { authorization: string };

  /** A function container that answers with its own name once the test opens the latch. */
  const slowContainer = async (name: string, latch: Latch) => {
    const container = await new FakeContainer(async () => {
      await latch.opened;
      return { result: { statusCode: 200, body: name } };
    }).start();
    containers.push(container);
    return container;
  };
  const quickContainer = async (name: string) => {
    const container = await FakeContainer.answering({ statusCode: 200, body: name }).start();
    containers.push(container);
    return container;
  };
  const get = (path: string) =>
    request(`${gatewayUrl(gateway.app)}${path}`, { headers: auth }).then(async (response) => ({
      status: response.statusCode,
      body: await response.body.text(),
    }));

  beforeAll(async () => {
    const [slowA, slowB, single, dead, alive, steady] = await Promise.all([
      slowContainer('slow-a', latches.slow),
      slowContainer('slow-b', latches.slow),
      slowContainer('single', latches.single),
      quickContainer('dead'),
      quickContainer('alive'),
      quickContainer('steady'),
    ]);
    manager = await new FakeManager(TEST_SECRETS.MANAGER_TOKEN)
      .define('slow', { running: [], spare: [slowA.url, slowB.url], maxContainers: 2 })
      .define('single', { running: [single.url], maxContainers: 1 })
      .define('flaky', { running: [dead.url], spare: [alive.url], maxContainers: 1 })
      .define('steady', { running: [steady.url] })
      .start();
    gateway = await startGateway(
      manager.url,
      ['slow', 'single', 'flaky', 'steady'].map((name) => ({
        path: `/${name}`,
        method: 'GET',
        function: name,
      })),
      { MAX_QUEUE: '0', HEARTBEAT_INTERVAL_MS: '100' },
    );
    auth = await loginHeader(gateway.app);
  });

  afterAll(async () => {
    Object.values(latches).forEach((latch) => latch.open());
    await gateway.app.close();
    await Promise.all([manager.stop(), ...containers.map((container) => container.stop())]);
  });

  it('serves two concurrent slow requests with two containers (cold start, then scale)', async () => {
    const first = get('/slow');
    const second = get('/slow');
    await until(
      () => containers[0].events.length + containers[1].events.length === 2,
      'both containers busy',
    );
    latches.slow.open();
    const bodies = (await Promise.all([first, second])).map((answer) => answer.body).sort();
    expect(bodies).toEqual(['slow-a', 'slow-b']);
    expect(
      manager.ensureCalls.filter((call) => call.function === 'slow').map((call) => call.reason),
    ).toEqual(['cold', 'scale']);
  });

  it('answers 429 when the only container is busy and nothing may queue', async () => {
    const busy = get('/single');
    await until(() => containers[2].events.length === 1, 'the first call to hold the container');
    const throttled = await get('/single');
    expect(throttled).toEqual({ status: 429, body: '{"message":"Too Many Requests"}' });
    latches.single.open();
    expect(await busy).toEqual({ status: 200, body: 'single' });
  });

  it('drops a container that refuses connections and retries through the Manager', async () => {
    expect(await get('/flaky')).toEqual({ status: 200, body: 'dead' });
    await containers[3].stop();
    manager.define('flaky', { running: [], spare: [containers[4].url] });
    const answer = await get('/flaky');
    expect(answer).toEqual({ status: 200, body: 'alive' });
    expect(manager.ensureCalls.filter((call) => call.function === 'flaky')).toHaveLength(2);
  });

  it('reports warm-path activity to the Manager in heartbeats', async () => {
    await get('/steady');
    await get('/steady');
    const steadyUrl = containers[5].url;
    const reported = () =>
      manager.heartbeats
        .flatMap((beat) => beat.reports)
        .filter((report) => report.url === steadyUrl)
        .reduce((sum, report) => sum + report.invocations, 0);
    await until(() => reported() === 2, 'heartbeat with two invocations');
    const report = manager.heartbeats
      .flatMap((beat) => beat.reports)
      .find((entry) => entry.url === steadyUrl);
    expect(report).toMatchObject({ function: 'steady', lastActiveAt: expect.any(String) });
  });
});
