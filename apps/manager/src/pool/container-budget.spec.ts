import 'reflect-metadata';
import { createPoolHarness } from '../../test/fakes/pool-harness';
import { ContainerLimitError } from '../errors';
import { startsAllowed } from './container-budget';

describe('startsAllowed: starts that fit under the cap', () => {
  it.each([
    [1, 100, 0, 0, 1],
    [5, 10, 3, 0, 5],
    [5, 10, 3, 4, 3],
    [5, 10, 10, 0, 0],
    [1, 10, 12, 0, 0],
    [0, 10, 0, 0, 0],
  ])('want %d, cap %d, %d running, %d starting → %d', (want, cap, running, starting, allowed) => {
    expect(startsAllowed(want, cap, running, starting)).toBe(allowed);
  });
});

describe('MAX_FUNCTION_CONTAINERS across functions', () => {
  it('scales a pool only up to the cap and answers 429 for a cold function beyond it', async () => {
    const { pools, runtime } = createPoolHarness(undefined, undefined, { maxContainers: 2 });
    await pools.ensure('hello');
    const scaled = await pools.ensure('hello', 'scale', 3);
    expect(scaled.containers).toHaveLength(2);
    const refused = pools.ensure('other');
    await expect(refused).rejects.toBeInstanceOf(ContainerLimitError);
    await expect(refused).rejects.toMatchObject({
      status: 429,
      message: expect.stringContaining('MAX_FUNCTION_CONTAINERS'),
    });
    expect(runtime.calls.run).toBe(2);
    // A warm pool still answers at the cap.
    expect((await pools.ensure('hello')).containers).toHaveLength(2);
  });

  it('counts starts in flight: two functions cold at once get one container between them', async () => {
    const { pools, runtime } = createPoolHarness(undefined, undefined, { maxContainers: 1 });
    let open!: () => void;
    runtime.runGate = new Promise<void>((resolve) => (open = resolve));
    const both = Promise.allSettled([pools.ensure('hello'), pools.ensure('other')]);
    await new Promise((resolve) => setImmediate(resolve));
    open();
    const outcomes = await both;
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(runtime.calls.run).toBe(1);
  });

  it('frees the place when a container is removed', async () => {
    const { pools, runtime } = createPoolHarness(undefined, undefined, { maxContainers: 1 });
    const hello = await pools.ensure('hello');
    await expect(pools.ensure('other')).rejects.toBeInstanceOf(ContainerLimitError);
    await runtime.remove(hello.containers[0].id);
    expect((await pools.ensure('other')).started).toBe(1);
  });
});
