import 'reflect-metadata';
import { INSTANCE_LABEL, MANAGER_TOKEN_HEADER } from '@app/contracts';
import { TEST_TOKEN } from '../../apps/manager/test/manager-app';
import { testDocker } from '../support/docker';
import {
  buildEchoImage,
  ECHO_IMAGE,
  ensure,
  eventually,
  ManagerTestScope,
} from './manager-support';

/** Idle reaping with heartbeats, and Adopt & Sync across a Manager restart, on the real engine. */
describe('Manager reaper and Adopt & Sync (real Docker)', () => {
  const docker = testDocker();
  const scope = new ManagerTestScope(docker);

  beforeAll(async () => {
    await buildEchoImage(docker);
    scope.writeFunctions({ idle: {}, busy: {}, adopt: {} });
  });

  afterAll(async () => {
    await scope.cleanUp();
  });

  const state = async (id: string) => (await docker.getContainer(id).inspect()).State.Status;

  it('stops an idle container while heartbeats keep a busy one running', async () => {
    const app = await scope.startManager({
      IDLE_TIMEOUT_SECONDS: '2',
      REAPER_INTERVAL_SECONDS: '0.5',
    });
    const idle = (await ensure(app, scope.fn('idle'))).json().containers[0];
    const busy = (await ensure(app, scope.fn('busy'))).json().containers[0];
    const heartbeat = () =>
      app.inject({
        method: 'POST',
        url: '/heartbeat',
        headers: { [MANAGER_TOKEN_HEADER]: TEST_TOKEN },
        payload: {
          reports: [
            {
              function: scope.fn('busy'),
              url: busy.url,
              lastActiveAt: new Date().toISOString(),
              invocations: 1,
            },
          ],
        },
      });
    await eventually('the idle container is stopped', async () => {
      expect((await heartbeat()).json()).toEqual({ accepted: 1 });
      return (await state(idle.id)) === 'exited';
    });
    expect(await state(busy.id)).toBe('running');
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/onpre_manager_reaped_total\{action="stopped"\} [1-9]/);
    await scope.stopManager(app);
  });

  it('adopts running containers after a restart (no cold start), removes stopped ones, ignores unmanaged', async () => {
    const first = await scope.startManager();
    const running = (await ensure(first, scope.fn('adopt'))).json().containers[0];
    await scope.stopManager(first);

    const stopped = await docker.createContainer({
      name: `lambda-${scope.fn('adopt')}-9`,
      Image: ECHO_IMAGE,
      Labels: {
        'onpre-lambda.managed': 'true',
        'onpre-lambda.function': scope.fn('adopt'),
        [INSTANCE_LABEL]: scope.instance,
      },
    });
    const unmanaged = await docker.createContainer({
      name: `${scope.id}-unmanaged`,
      Image: ECHO_IMAGE,
      Labels: { 'onpre-lambda.function': scope.fn('adopt') },
    });
    const otherInstance = await docker.createContainer({
      name: `${scope.id}-other-instance`,
      Image: ECHO_IMAGE,
      Labels: {
        'onpre-lambda.managed': 'true',
        'onpre-lambda.function': scope.fn('adopt'),
        [INSTANCE_LABEL]: `${scope.instance}-other`,
      },
    });

    const second = await scope.startManager();
    const again = (await ensure(second, scope.fn('adopt'))).json();
    expect(again).toMatchObject({ started: 0, containers: [{ id: running.id, url: running.url }] });
    await expect(stopped.inspect()).rejects.toMatchObject({ statusCode: 404 });
    expect((await unmanaged.inspect()).State.Status).toBe('created');
    expect((await otherInstance.inspect()).State.Status).toBe('created');
    const listed = await second.inject({
      method: 'GET',
      url: '/containers',
      headers: { [MANAGER_TOKEN_HEADER]: TEST_TOKEN },
    });
    expect(
      listed
        .json()
        .containers.filter((c: { function: string }) => c.function === scope.fn('adopt')),
    ).toEqual([
      expect.objectContaining({
        id: running.id,
        state: 'running',
        lastActiveAt: expect.any(String),
      }),
    ]);
  });
});
