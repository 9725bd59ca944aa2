import 'reflect-metadata';
import { createPoolHarness } from '../../test/fakes/pool-harness';

describe('ContainerSync (Adopt & Sync)', () => {
  function seeded() {
    const harness = createPoolHarness();
    const hash = harness.registry.get('hello').configHash;
    const running = harness.runtime.seed({
      name: 'lambda-hello-1',
      functionName: 'hello',
      configHash: hash,
    });
    const stopped = harness.runtime.seed({
      name: 'lambda-hello-2',
      functionName: 'hello',
      configHash: hash,
      state: 'stopped',
      url: null,
    });
    const stale = harness.runtime.seed({
      name: 'lambda-hello-3',
      functionName: 'hello',
      configHash: 'old',
    });
    const unknown = harness.runtime.seed({
      name: 'lambda-gone-1',
      functionName: 'gone',
      configHash: hash,
    });
    return { ...harness, running, stopped, stale, unknown };
  }

  it('adopts running containers with the current config and removes the rest', async () => {
    const { sync, runtime, activity, clock, running } = seeded();
    await sync.onApplicationBootstrap();
    expect([...runtime.containers.keys()]).toEqual([running.id]);
    expect(activity.lastActive(running.id)).toBe(clock.now());
    expect(sync.pending).toBe(false);
  });

  it('answers the adopted container warm, without a start', async () => {
    const { sync, pools, runtime, running } = seeded();
    await sync.onApplicationBootstrap();
    const answer = await pools.ensure('hello');
    expect(answer).toMatchObject({ started: 0, containers: [{ id: running.id }] });
    expect(runtime.calls.run + runtime.calls.start).toBe(0);
  });

  it('stays pending while the engine is down and adopts on a later reaper pass', async () => {
    const { sync, reaper, runtime, running } = seeded();
    runtime.down = true;
    await sync.onApplicationBootstrap();
    expect(sync.pending).toBe(true);
    runtime.down = false;
    await reaper.runPass();
    expect(sync.pending).toBe(false);
    expect([...runtime.containers.keys()]).toEqual([running.id]);
  });

  it('after a reload keeps stopped containers for the reaper but removes stale ones', async () => {
    const { sync, runtime, running, stopped } = seeded();
    await sync.sync('reload');
    expect([...runtime.containers.keys()].sort()).toEqual([running.id, stopped.id].sort());
  });
});
