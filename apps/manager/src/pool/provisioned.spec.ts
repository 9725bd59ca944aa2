import 'reflect-metadata';
import { createPoolHarness, TEST_POOL_SETTINGS } from '../../test/fakes/pool-harness';

const PROVISIONED = `
functions:
  hello:
    image: fn-hello:latest
    reservedConcurrency: 3
    provisionedConcurrency: 2
`;
const IDLE = TEST_POOL_SETTINGS.idleTimeoutMs;

describe('provisioned concurrency', () => {
  const harness = () => createPoolHarness(PROVISIONED, undefined, { coolAfterMs: 20_000 });

  it('starts the provisioned containers at start, so the first request starts nothing', async () => {
    const { sync, pools, runtime } = harness();
    await sync.onApplicationBootstrap();
    expect(runtime.calls.run).toBe(2);
    expect((await pools.ensure('hello')).started).toBe(0);
  });

  it('never pauses or stops provisioned containers; an extra one is reaped as usual', async () => {
    const { sync, pools, runtime, reaper, clock } = harness();
    await sync.onApplicationBootstrap();
    const { containers } = await pools.ensure('hello', 'scale');
    expect(containers).toHaveLength(3);
    clock.advance(IDLE);
    await reaper.runPass();
    const states = [...runtime.containers.values()].map((c) => `${c.slot} ${c.state}`).sort();
    expect(states).toEqual(['1 running', '2 running', '3 stopped']);
  });

  it('replaces a provisioned container that died on the next reaper pass', async () => {
    const { sync, runtime, reaper } = harness();
    await sync.onApplicationBootstrap();
    const [first] = runtime.containers.keys();
    runtime.kill(first);
    await reaper.runPass();
    const running = [...runtime.containers.values()].filter((c) => c.state === 'running');
    expect(running).toHaveLength(2);
  });

  it('re-adopts provisioned containers after a restart instead of starting new ones', async () => {
    const { sync, runtime, registry } = harness();
    for (const slot of [1, 2]) {
      runtime.seed({
        name: `lambda-hello-${slot}`,
        functionName: 'hello',
        slot,
        configHash: registry.get('hello').configHash,
      });
    }
    await sync.onApplicationBootstrap();
    expect(runtime.calls.run).toBe(0);
  });
});
