import 'reflect-metadata';
import { createPoolHarness, TEST_POOL_SETTINGS } from '../../test/fakes/pool-harness';

const COOL = 20_000;
const IDLE = TEST_POOL_SETTINGS.idleTimeoutMs;
const cool = () => createPoolHarness(undefined, undefined, { coolAfterMs: COOL });

describe('the cool tier (pause after COOL_AFTER, stop after the idle timeout)', () => {
  it('pauses a container idle for the cool window, not before, and says so in the answer', async () => {
    const { pools, reaper, clock, runtime, metrics } = cool();
    const { containers, coolAfterSeconds } = await pools.ensure('hello');
    expect(coolAfterSeconds).toBe(COOL / 1000);
    clock.advance(COOL - 1);
    await reaper.runPass();
    expect((await runtime.inspect(containers[0].id))?.state).toBe('running');
    clock.advance(1);
    await reaper.runPass();
    expect((await runtime.inspect(containers[0].id))?.state).toBe('paused');
    expect(await metrics.registry.metrics()).toContain(
      'onpre_manager_reaped_total{action="paused"} 1',
    );
  });

  it('unpauses instead of starting when a cold ensure finds only paused containers', async () => {
    const { pools, reaper, clock, runtime } = cool();
    const first = await pools.ensure('hello');
    clock.advance(COOL);
    await reaper.runPass();
    const again = await pools.ensure('hello');
    expect(again.started).toBe(0);
    expect(again.containers.map((c) => c.id)).toEqual([first.containers[0].id]);
    expect(runtime.calls).toMatchObject({ run: 1, pause: 1, unpause: 1 });
    expect((await runtime.inspect(first.containers[0].id))?.state).toBe('running');
    // Its idle clock restarted at the unpause: not paused again right away.
    expect(again.containers[0].lastActiveAt).toBe(new Date(clock.now()).toISOString());
    await reaper.runPass();
    expect((await runtime.inspect(first.containers[0].id))?.state).toBe('running');
  });

  it('leaves paused containers the pool does not need paused (no touch), returning only running ones', async () => {
    const { pools, reaper, clock, runtime, activity } = cool();
    await pools.ensure('hello');
    const { containers } = await pools.ensure('hello', 'scale');
    clock.advance(COOL);
    activity.touch(containers[0].id, clock.now());
    await reaper.runPass();
    const answer = await pools.ensure('hello');
    expect(answer.containers.map((c) => c.id)).toEqual([containers[0].id]);
    expect((await runtime.inspect(containers[1].id))?.state).toBe('paused');
  });

  it('with touch, unpauses every paused container and restarts every returned idle clock', async () => {
    const { pools, reaper, clock, runtime } = cool();
    await pools.ensure('hello');
    await pools.ensure('hello', 'scale');
    clock.advance(COOL);
    await reaper.runPass();
    expect(runtime.calls.pause).toBe(2);
    const answer = await pools.ensure('hello', 'cold', 1, true);
    expect(answer.containers).toHaveLength(2);
    const now = new Date(clock.now()).toISOString();
    expect(answer.containers.map((c) => c.lastActiveAt)).toEqual([now, now]);
  });

  it('replaces a container whose unpause fails with a fresh one, in the same ensure', async () => {
    const { pools, reaper, clock, runtime } = cool();
    const first = await pools.ensure('hello');
    clock.advance(COOL);
    await reaper.runPass();
    runtime.unpauseFailures.add(first.containers[0].id);
    const answer = await pools.ensure('hello');
    expect(answer.started).toBe(1);
    expect(answer.containers.map((c) => c.id)).not.toContain(first.containers[0].id);
    expect(await runtime.inspect(first.containers[0].id)).toBeNull();
  });

  it('stops a paused container after the idle timeout (thawing it first) and removes it later', async () => {
    const { pools, reaper, clock, runtime } = cool();
    const { containers } = await pools.ensure('hello');
    clock.advance(COOL);
    await reaper.runPass();
    clock.advance(IDLE - COOL);
    await reaper.runPass();
    expect((await runtime.inspect(containers[0].id))?.state).toBe('stopped');
    expect(runtime.calls).toMatchObject({ unpause: 1, stop: 1 });
  });

  it('adopts paused containers after a restart and unpauses them on the next ensure', async () => {
    const { runtime, sync, pools, registry } = cool();
    const seeded = runtime.seed({
      name: 'lambda-hello-1',
      functionName: 'hello',
      configHash: registry.get('hello').configHash,
      state: 'paused',
    });
    await sync.sync('start');
    expect(runtime.containers.has(seeded.id)).toBe(true);
    const answer = await pools.ensure('hello');
    expect(answer).toMatchObject({ started: 0, containers: [{ id: seeded.id }] });
  });

  it('never pauses when the cool tier is off', async () => {
    const { pools, reaper, clock, runtime } = createPoolHarness();
    const { containers } = await pools.ensure('hello');
    clock.advance(IDLE - 1);
    await reaper.runPass();
    expect((await runtime.inspect(containers[0].id))?.state).toBe('running');
    expect(runtime.calls.pause).toBe(0);
  });
});
