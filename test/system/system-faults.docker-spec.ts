import { join } from 'node:path';
import { DockerSocketProxy } from '../docker/manager-socket-proxy';
import { httpGet } from '../support/docker';
import { appProcess } from './support/dev-mode-process';
import { GatewayAnswer } from './support/gateway-client';
import { delay, eventually, SYSTEM_APP, SystemRun } from './support/system-run';

const BURST = 100;
const RESERVED_CONCURRENCY = 5;
const STEADY_RATE = 10;
const STEADY_REQUESTS = STEADY_RATE * 20;

/**
 * Faults against `npm start` serving the fixture app (test/system/app), one system run. The Manager
 * reaches Docker through a unix-socket proxy: closing it is, from the Manager's side, the daemon
 * stopping (the shared engine itself is never touched).
 */
describe('system suite: faults through npm start (real Docker)', () => {
  const system = new SystemRun();
  const dockerSocket = new DockerSocketProxy(join(system.run.dir, 'docker.sock'));

  beforeAll(async () => {
    await dockerSocket.open();
    await system.start({
      ONPRE_APP: SYSTEM_APP,
      DOCKER_SOCKET: dockerSocket.path,
      // The burst queues 95 requests behind cold starts on a busy 2-core machine.
      QUEUE_TIMEOUT_MS: '60000',
    });
  });

  afterAll(async () => {
    await system.stop();
    await dockerSocket.close();
  });

  const managerReadiness = () =>
    httpGet(`http://127.0.0.1:${system.run.managerPort}/health/ready`, 5000);
  const sleep = (ms: number) => system.gateway.send('GET', `/sleep?ms=${ms}`);
  const statusAndJson = (answer: GatewayAnswer) => ({ status: answer.status, body: answer.json() });

  it('Docker daemon gone: readiness DOWN and a cold call 503; back: recovers with nothing restarted', async () => {
    const manager = appProcess('manager', system.run.id);
    await dockerSocket.close();
    try {
      expect(await eventually(async () => (await managerReadiness()).status === 503, 20)).toBe(
        true,
      );
      expect(JSON.parse((await managerReadiness()).body)).toMatchObject({
        status: 'error',
        error: { docker: { status: 'down' } },
      });
      const cold = await system.gateway.send('GET', '/echo');
      expect(cold.status).toBe(503);
      expect(cold.json()).toEqual({ message: expect.any(String) });
    } finally {
      await dockerSocket.open();
    }
    expect(await eventually(async () => (await managerReadiness()).status === 200, 20)).toBe(true);
    expect((await system.gateway.send('GET', '/echo')).status).toBe(200);
    expect(appProcess('manager', system.run.id)).toBe(manager);
  });

  it(`a burst of ${BURST} concurrent requests to a cold function (reserved ${RESERVED_CONCURRENCY}): no error, at most ${RESERVED_CONCURRENCY} containers`, async () => {
    expect(await system.containers('sleeper', true)).toEqual([]);
    let burstDone = false;
    let mostContainers = 0;
    const sampling = (async () => {
      while (!burstDone) {
        mostContainers = Math.max(
          mostContainers,
          (await system.containers('sleeper', true)).length,
        );
        await delay(200);
      }
    })();
    const answers = await Promise.all(Array.from({ length: BURST }, () => sleep(200)));
    burstDone = true;
    await sampling;

    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    expect(mostContainers).toBeGreaterThan(0);
    expect(mostContainers).toBeLessThanOrEqual(RESERVED_CONCURRENCY);
    expect((await system.containers('sleeper', true)).length).toBeLessThanOrEqual(
      RESERVED_CONCURRENCY,
    );
  }, 300_000);

  // REST API: the function's own timeout is a Lambda error, 502 (504 is API Gateway's integration
  // timeout, 29 s by default); docs/gateway.md.
  it('a function timeout is 502 as on a REST API, the next call succeeds', async () => {
    const timedOut = await sleep(6000);
    expect(statusAndJson(timedOut)).toEqual({
      status: 502,
      body: { message: 'Internal server error' },
    });
    expect(statusAndJson(await sleep(0))).toMatchObject({ status: 200, body: { slept: 0 } });
  });

  it('a container killed mid-request: that request is 502, the next succeeds', async () => {
    const requestId = `killed-${system.run.id}`;
    const inFlight = system.gateway.send('GET', '/sleep?ms=2000', undefined, {
      'x-request-id': requestId,
    });
    let serving: string | undefined;
    const found = await eventually(
      async () => {
        serving = await containerLogging(requestId);
        return serving !== undefined;
      },
      40,
      100,
    );
    expect(found).toBe(true);
    await system.docker.getContainer(serving as string).kill();

    expect(statusAndJson(await inFlight)).toEqual({
      status: 502,
      body: { message: 'Internal server error' },
    });
    expect(statusAndJson(await sleep(0))).toMatchObject({ status: 200, body: { slept: 0 } });
  });

  it('Manager restarted under steady load (10 req/s for 20 s): no failed request', async () => {
    expect((await system.gateway.send('GET', '/echo')).status).toBe(200);
    const restart = delay(5000).then(() => system.restartManager());
    const statuses: Array<Promise<number>> = [];
    for (let sent = 0; sent < STEADY_REQUESTS; sent++) {
      statuses.push(system.gateway.send('GET', '/echo').then((answer) => answer.status));
      await delay(1000 / STEADY_RATE);
    }
    await restart;
    expect((await Promise.all(statuses)).filter((status) => status !== 200)).toEqual([]);
  }, 120_000);

  /** The running sleeper container whose log holds `requestId` (its START line), if any. */
  async function containerLogging(requestId: string): Promise<string | undefined> {
    for (const container of await system.containers('sleeper')) {
      const log = await system.docker
        .getContainer(container.Id)
        .logs({ stdout: true, stderr: true });
      if (log.toString('utf8').includes(requestId)) return container.Id;
    }
    return undefined;
  }
});
