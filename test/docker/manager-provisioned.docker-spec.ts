import 'reflect-metadata';
import { testDocker } from '../support/docker';
import { buildEchoImage, ensure, eventually, invoke, ManagerTestScope } from './manager-support';

/** Provisioned concurrency on the real engine: started at Manager start, kept, re-adopted. */
describe('Manager provisioned concurrency (real Docker)', () => {
  const docker = testDocker();
  const scope = new ManagerTestScope(docker);
  const env = {
    COOL_AFTER_SECONDS: '1',
    IDLE_TIMEOUT_SECONDS: '2',
    REAPER_INTERVAL_SECONDS: '0.3',
  };
  const running = async (fn: string) =>
    (await scope.containers(fn)).filter((c) => c.State === 'running');

  beforeAll(async () => {
    await buildEchoImage(docker);
    scope.writeFunctions({ prov: { provisionedConcurrency: 2, reservedConcurrency: 3 } });
  });

  afterAll(async () => {
    await scope.cleanUp();
  });

  it('starts N containers at start, never pauses or stops them, replaces a dead one, re-adopts after a restart', async () => {
    const fn = scope.fn('prov');
    const first = await scope.startManager(env);
    await eventually(
      'two provisioned containers run',
      async () => (await running(fn)).length === 2,
    );
    const ids = (await running(fn)).map((c) => c.Id).sort();
    // Past the cool window and the idle timeout: still running, none paused.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect((await running(fn)).map((c) => c.Id).sort()).toEqual(ids);
    // The first request is a warm one: nothing started.
    const answer = (await ensure(first, fn)).json();
    expect(answer.started).toBe(0);
    expect((await invoke(answer.containers[0].url, { warm: true })).event).toEqual({ warm: true });
    // A provisioned container that dies is replaced by the next reaper pass.
    await docker.getContainer(ids[0]).kill();
    await eventually('the dead one is replaced', async () => (await running(fn)).length === 2);
    const afterCrash = (await running(fn)).map((c) => c.Id).sort();
    await scope.stopManager(first);

    const second = await scope.startManager(env);
    const again = (await ensure(second, fn)).json();
    expect(again.started).toBe(0);
    expect(again.containers.map((c: { id: string }) => c.id).sort()).toEqual(afterCrash);
    expect((await running(fn)).map((c) => c.Id).sort()).toEqual(afterCrash);
    await scope.stopManager(second);
  });
});
