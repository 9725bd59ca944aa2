import 'reflect-metadata';
import { MANAGER_TOKEN_HEADER } from '@app/contracts';
import { TEST_TOKEN } from '../../apps/manager/test/manager-app';
import { testDocker } from '../support/docker';
import { buildEchoImage, ensure, eventually, invoke, ManagerTestScope } from './manager-support';

/**
 * The cool tier on the real engine: docker pause after COOL_AFTER_SECONDS, unpause on ensure. A refused
 * unpause: apps/manager/test/unpause-failure.docker-spec.ts (it wraps the Docker adapter).
 */
describe('Manager cool tier (real Docker)', () => {
  const docker = testDocker();
  const scope = new ManagerTestScope(docker);
  const coolEnv = {
    COOL_AFTER_SECONDS: '1',
    IDLE_TIMEOUT_SECONDS: '30',
    REAPER_INTERVAL_SECONDS: '0.3',
  };

  beforeAll(async () => {
    await buildEchoImage(docker);
    scope.writeFunctions({ cool: {}, killed: {}, adopted: {}, idle: {} });
  });

  afterAll(async () => {
    await scope.cleanUp();
  });

  const state = async (id: string) => (await docker.getContainer(id).inspect()).State.Status;
  const touch = (app: Awaited<ReturnType<typeof scope.startManager>>, fn: string) =>
    app.inject({
      method: 'POST',
      url: '/functions/ensure',
      headers: { [MANAGER_TOKEN_HEADER]: TEST_TOKEN },
      payload: { function: fn, touch: true },
    });

  it('pauses an idle container, and the next ensure unpauses it instead of starting one', async () => {
    const app = await scope.startManager(coolEnv);
    const first = (await ensure(app, scope.fn('cool'))).json();
    expect(first.coolAfterSeconds).toBe(1);
    const { id, url } = first.containers[0];
    await eventually('the idle container is paused', async () => (await state(id)) === 'paused');
    const again = (await touch(app, scope.fn('cool'))).json();
    expect(again).toMatchObject({ started: 0, containers: [{ id, url }] });
    expect(await state(id)).toBe('running');
    expect((await invoke(url, { after: 'unpause' })).event).toEqual({ after: 'unpause' });
    const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/onpre_manager_reaped_total\{action="paused"\} [1-9]/);
    expect(metrics).toMatch(/onpre_manager_container_unpause_seconds_count [1-9]/);
    await scope.stopManager(app);
  });

  it('stops a paused container once the idle timeout passes', async () => {
    const app = await scope.startManager({ ...coolEnv, IDLE_TIMEOUT_SECONDS: '3' });
    const { id } = (await ensure(app, scope.fn('idle'))).json().containers[0];
    await eventually('paused', async () => (await state(id)) === 'paused');
    await eventually('stopped', async () => (await state(id)) === 'exited');
    await scope.stopManager(app);
  });

  it('serves from the same container when it was killed while paused (restarted, not lost)', async () => {
    const app = await scope.startManager(coolEnv);
    const { id } = (await ensure(app, scope.fn('killed'))).json().containers[0];
    await eventually('paused', async () => (await state(id)) === 'paused');
    await docker.getContainer(id).kill();
    const answer = (await touch(app, scope.fn('killed'))).json();
    expect(answer.containers).toHaveLength(1);
    expect(await state(answer.containers[0].id)).toBe('running');
    const { event } = await invoke(answer.containers[0].url, { after: 'kill' });
    expect(event).toEqual({ after: 'kill' });
    await scope.stopManager(app);
  });

  it('adopts a paused container after a Manager restart and unpauses it on demand', async () => {
    const first = await scope.startManager(coolEnv);
    const { id } = (await ensure(first, scope.fn('adopted'))).json().containers[0];
    await eventually('paused', async () => (await state(id)) === 'paused');
    await scope.stopManager(first);
    const second = await scope.startManager({ ...coolEnv, COOL_AFTER_SECONDS: '30' });
    expect(await state(id)).toBe('paused');
    const answer = (await ensure(second, scope.fn('adopted'))).json();
    expect(answer).toMatchObject({ started: 0, containers: [{ id }] });
    expect(await state(id)).toBe('running');
    await scope.stopManager(second);
  });
});
