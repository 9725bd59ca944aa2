import 'reflect-metadata';
import { createPoolHarness, TEST_POOL_SETTINGS } from '../../test/fakes/pool-harness';

const IDLE = TEST_POOL_SETTINGS.idleTimeoutMs;
const RETENTION = TEST_POOL_SETTINGS.stoppedRetentionMs;

describe('IdleReaper', () => {
  it('stops a container once it has been idle for the timeout, not before', async () => {
    const { pools, reaper, clock, runtime } = createPoolHarness();
    const { containers } = await pools.ensure('hello');
    clock.advance(IDLE - 1);
    await reaper.runPass();
    expect((await runtime.inspect(containers[0].id))?.state).toBe('running');
    clock.advance(1);
    await reaper.runPass();
    expect((await runtime.inspect(containers[0].id))?.state).toBe('stopped');
  });

  it('keeps a container alive while heartbeats report activity', async () => {
    const { pools, reaper, clock, runtime, admin } = createPoolHarness();
    const { containers } = await pools.ensure('hello');
    for (let i = 0; i < 5; i++) {
      clock.advance(IDLE / 2);
      const reported = admin.heartbeat({
        reports: [
          {
            function: 'hello',
            url: containers[0].url,
            lastActiveAt: new Date(clock.now()).toISOString(),
            invocations: 3,
          },
        ],
      });
      expect(reported.accepted).toBe(1);
      await reaper.runPass();
    }
    expect((await runtime.inspect(containers[0].id))?.state).toBe('running');
  });

  it('reaps per container: the busy one stays, the idle one stops', async () => {
    const { pools, reaper, clock, runtime, activity } = createPoolHarness();
    await pools.ensure('hello');
    const { containers } = await pools.ensure('hello', 'scale');
    clock.advance(IDLE);
    activity.touch(containers[1].id, clock.now());
    await reaper.runPass();
    expect((await runtime.inspect(containers[0].id))?.state).toBe('stopped');
    expect((await runtime.inspect(containers[1].id))?.state).toBe('running');
  });

  it('removes containers that stayed stopped past the retention', async () => {
    const { pools, reaper, clock, runtime, metrics } = createPoolHarness();
    const { containers } = await pools.ensure('hello');
    clock.advance(IDLE);
    await reaper.runPass();
    clock.advance(RETENTION);
    await reaper.runPass();
    expect(await runtime.inspect(containers[0].id)).toBeNull();
    const text = await metrics.registry.metrics();
    expect(text).toContain('onpre_manager_reaped_total{action="stopped"} 1');
    expect(text).toContain('onpre_manager_reaped_total{action="removed"} 1');
  });

  it('starts the idle clock of a container it sees for the first time instead of stopping it', async () => {
    const { reaper, runtime, clock, registry } = createPoolHarness();
    const seeded = runtime.seed({
      name: 'lambda-hello-1',
      functionName: 'hello',
      configHash: registry.get('hello').configHash,
    });
    clock.advance(10 * IDLE);
    await reaper.runPass();
    expect((await runtime.inspect(seeded.id))?.state).toBe('running');
  });

  it('never overlaps passes: a pass that starts while one runs is skipped', async () => {
    const { reaper, runtime } = createPoolHarness();
    let listCalls = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const list = runtime.list.bind(runtime);
    runtime.list = async (fn?: string) => {
      listCalls++;
      await gate;
      return list(fn);
    };
    const first = reaper.runPass();
    await Promise.resolve();
    expect(await reaper.runPass()).toBe(false);
    expect(listCalls).toBe(1);
    release();
    expect(await first).toBe(true);
  });
});
