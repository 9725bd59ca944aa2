import type { EnsureReason, EnsureResponseDto, HeartbeatRequestDto } from '@app/contracts';
import { ContainerPool, PoolSettings } from './container-pool';
import { InvocationFailure, ManagerCallError } from './invocation-errors';
import type { Clock } from '@app/platform';
import type { ManagerClient } from './ports';

class ManualClock implements Clock {
  constructor(public time = 1_000_000) {}
  now(): number {
    return this.time;
  }
  async sleep(ms: number): Promise<void> {
    this.time += ms;
  }
}

/** In-memory Manager: answers each ensure once the test settles it. */
class ScriptedManager implements ManagerClient {
  readonly calls: Array<{
    reason: EnsureReason;
    count?: number;
    touch?: boolean;
    settle: (answer: EnsureResponseDto | Error) => void;
  }> = [];

  ensure(
    functionName: string,
    reason: EnsureReason,
    _requestId: string,
    count?: number,
    touch?: boolean,
  ): Promise<EnsureResponseDto> {
    return new Promise((resolve, reject) => {
      this.calls.push({
        reason,
        count,
        touch,
        settle: (answer) => (answer instanceof Error ? reject(answer) : resolve(answer)),
      });
    });
  }

  async heartbeat(_report: HeartbeatRequestDto): Promise<void> {}

  async ready(): Promise<boolean> {
    return true;
  }
}

function answer(urls: string[], maxContainers = 2, started = 1): EnsureResponseDto {
  return {
    function: 'fn',
    containers: urls.map((url, index) => ({ id: `${index}`, name: `lambda-fn-${index + 1}`, url })),
    started,
    maxContainers,
    timeoutSeconds: 7,
  };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));
const settings: PoolSettings = {
  cacheTtlMs: 30_000,
  maxQueue: 1,
  queueTimeoutMs: 60_000,
  heartbeatIntervalMs: 10_000,
};

describe('ContainerPool', () => {
  let manager: ScriptedManager;
  let clock: ManualClock;
  let pool: ContainerPool;

  beforeEach(() => {
    manager = new ScriptedManager();
    clock = new ManualClock();
    pool = new ContainerPool(manager, clock, settings);
  });

  it('shares one cold ensure between concurrent requests (single-flight)', async () => {
    const first = pool.acquire('fn', 'r1');
    const second = pool.acquire('fn', 'r2');
    await flush();
    expect(manager.calls.map((call) => call.reason)).toEqual(['cold']);
    manager.calls[0].settle(answer(['http://a', 'http://b']));
    const leases = await Promise.all([first, second]);
    expect(leases.map((lease) => lease.url).sort()).toEqual(['http://a', 'http://b']);
    expect(leases[0]).toMatchObject({ timeoutSeconds: 7, cacheHit: false, coldStart: true });
  });

  it('serves warm requests from the cache and refreshes a stale list in the background', async () => {
    const cold = pool.acquire('fn', 'r1');
    await flush();
    manager.calls[0].settle(answer(['http://a']));
    pool.release(await cold);
    const warm = await pool.acquire('fn', 'r2');
    expect(warm).toMatchObject({ url: 'http://a', cacheHit: true, coldStart: false });
    expect(manager.calls).toHaveLength(1);
    pool.release(warm);
    clock.time += settings.cacheTtlMs;
    const stale = await pool.acquire('fn', 'r3');
    expect(stale).toMatchObject({ url: 'http://a', cacheHit: true });
    expect(manager.calls.map((call) => call.reason)).toEqual(['cold', 'cold']);
    manager.calls[1].settle(answer(['http://a', 'http://b'], 2, 0));
    await flush();
    expect(pool.snapshot().fn.urls).toEqual(['http://a', 'http://b']);
  });

  it('keeps serving the known containers when a background refresh fails', async () => {
    const cold = pool.acquire('fn', 'r1');
    await flush();
    manager.calls[0].settle(answer(['http://a']));
    pool.release(await cold);
    clock.time += settings.cacheTtlMs;
    pool.release(await pool.acquire('fn', 'r2'));
    manager.calls[1].settle(new ManagerCallError(503, 'docker down'));
    await flush();
    expect(await pool.acquire('fn', 'r3')).toMatchObject({ url: 'http://a', cacheHit: true });
    expect(manager.calls).toHaveLength(2);
  });

  it('gives one container to one request at a time and hands it to the next on release', async () => {
    const first = pool.acquire('fn', 'r1');
    await flush();
    manager.calls[0].settle(answer(['http://a'], 1));
    const lease = await first;
    const second = pool.acquire('fn', 'r2');
    await flush();
    expect(manager.calls).toHaveLength(1);
    expect(pool.snapshot().fn).toMatchObject({ busy: 1, waiting: 1 });
    pool.release(lease);
    expect(await second).toMatchObject({ url: 'http://a' });
  });

  it('asks the Manager to scale when every container is busy and the limit allows', async () => {
    const first = pool.acquire('fn', 'r1');
    await flush();
    manager.calls[0].settle(answer(['http://a'], 2));
    await first;
    const second = pool.acquire('fn', 'r2');
    await flush();
    expect(manager.calls.map((call) => call.reason)).toEqual(['cold', 'scale']);
    manager.calls[1].settle(answer(['http://a', 'http://b'], 2));
    expect(await second).toMatchObject({ url: 'http://b' });
  });

  it('asks for as many containers as requests wait, up to the limit, in one scale call', async () => {
    pool = new ContainerPool(manager, clock, { ...settings, maxQueue: 10 });
    const cold = Array.from({ length: 8 }, (_, index) => pool.acquire('fn', `r${index}`));
    await flush();
    expect(manager.calls.map((call) => call.reason)).toEqual(['cold']);
    manager.calls[0].settle(answer(['http://a'], 5));
    await flush(); // the released requests queue
    await flush(); // the scale call they share
    expect(manager.calls.map(({ reason, count }) => ({ reason, count }))).toEqual([
      { reason: 'cold', count: undefined },
      { reason: 'scale', count: 4 },
    ]);
    manager.calls[1].settle(
      answer(['http://a', 'http://b', 'http://c', 'http://d', 'http://e'], 5),
    );
    const served = await Promise.all(cold.slice(0, 5));
    expect(new Set(served.map((lease) => lease.url)).size).toBe(5);
    expect(pool.snapshot().fn).toMatchObject({ busy: 5, waiting: 3 });
    served.forEach((lease) => pool.release(lease));
    await Promise.all(cold.slice(5));
  });

  it('answers throttled when the queue is full', async () => {
    const first = pool.acquire('fn', 'r1');
    await flush();
    manager.calls[0].settle(answer(['http://a'], 1));
    await first;
    const queued = pool.acquire('fn', 'r2');
    const rejected = pool.acquire('fn', 'r3');
    await expect(rejected).rejects.toMatchObject({ reason: 'throttled' });
    expect(pool.snapshot().fn.waiting).toBe(1);
    pool.release(await first);
    await expect(queued).resolves.toMatchObject({ url: 'http://a' });
  });

  it('answers throttled when no container frees up within the queue timeout', async () => {
    pool = new ContainerPool(manager, clock, { ...settings, queueTimeoutMs: 1 });
    const first = pool.acquire('fn', 'r1');
    await flush();
    manager.calls[0].settle(answer(['http://a'], 1));
    await first;
    await expect(pool.acquire('fn', 'r2')).rejects.toMatchObject({ reason: 'throttled' });
    expect(pool.snapshot().fn.waiting).toBe(0);
  });

  it('forgets a dropped container and asks the Manager again', async () => {
    const first = pool.acquire('fn', 'r1');
    await flush();
    manager.calls[0].settle(answer(['http://a'], 1));
    pool.drop(await first, 'r1');
    expect(pool.snapshot().fn.urls).toEqual([]);
    const next = pool.acquire('fn', 'r2');
    await flush();
    manager.calls[1].settle(answer(['http://c'], 1));
    expect(await next).toMatchObject({ url: 'http://c', cacheHit: false });
  });

  it('forgets the idle peers of an unreachable container and asks the Manager again', async () => {
    const first = pool.acquire('fn', 'r1');
    await flush();
    manager.calls[0].settle(answer(['http://a', 'http://b', 'http://c', 'http://d'], 4));
    const leaseA = await first;
    const leaseB = await pool.acquire('fn', 'r2');
    pool.release(leaseA);
    pool.drop(leaseB, 'r2', true);
    expect(pool.snapshot().fn.urls).toEqual([]);
    const next = pool.acquire('fn', 'r3');
    await flush();
    manager.calls[1].settle(answer(['http://e'], 4));
    expect(await next).toMatchObject({ url: 'http://e', cacheHit: false });
  });

  it('keeps the busy containers when an unreachable one is dropped', async () => {
    const first = pool.acquire('fn', 'r1');
    await flush();
    manager.calls[0].settle(answer(['http://a', 'http://b', 'http://c'], 3));
    await first;
    const leaseB = await pool.acquire('fn', 'r2');
    pool.drop(leaseB, 'r2', true);
    expect(pool.snapshot().fn).toMatchObject({ urls: ['http://a'], busy: 1 });
  });

  it.each([
    [404, 'notFound'],
    [503, 'unavailable'],
    [504, 'timeout'],
    [0, 'unavailable'],
  ])('turns a Manager %s into an invocation failure (%s)', async (status, reason) => {
    const request = pool.acquire('fn', 'r1');
    await flush();
    manager.calls[0].settle(new ManagerCallError(status, 'nope'));
    const error = await request.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvocationFailure);
    expect(error).toMatchObject({ reason });
  });

  it('fails as unavailable when the Manager reports no running container', async () => {
    const request = pool.acquire('fn', 'r1');
    await flush();
    manager.calls[0].settle(answer([], 1, 0));
    await expect(request).rejects.toMatchObject({ reason: 'unavailable' });
  });

  describe('under the Manager cool tier (COOL_AFTER 30 s, heartbeat 10 s: trusted for 19 s)', () => {
    const coolAnswer = (lastActiveMs: number, urls = ['http://a']) => ({
      ...answer(urls, 2, 0),
      coolAfterSeconds: 30,
      containers: urls.map((url, index) => ({
        id: `${index}`,
        name: `lambda-fn-${index + 1}`,
        url,
        lastActiveAt: new Date(lastActiveMs).toISOString(),
      })),
    });

    async function warmPool() {
      const cold = pool.acquire('fn', 'r1');
      await flush();
      manager.calls[0].settle(coolAnswer(clock.time));
      pool.release(await cold);
    }

    it('sends to a container used inside the window without asking', async () => {
      await warmPool();
      clock.time += 18_999;
      const lease = await pool.acquire('fn', 'r2');
      expect(lease).toMatchObject({ url: 'http://a', cacheHit: true });
      expect(manager.calls).toHaveLength(1);
    });

    it('asks the Manager with touch (which unpauses it) before using a container past the window', async () => {
      await warmPool();
      clock.time += 19_000;
      const request = pool.acquire('fn', 'r2');
      await flush();
      expect(manager.calls[1]).toMatchObject({ reason: 'cold', touch: true });
      manager.calls[1].settle(coolAnswer(clock.time));
      const lease = await request;
      expect(lease).toMatchObject({ url: 'http://a', cacheHit: false, coldStart: false });
      pool.release(lease);
      // Confirmed now: trusted for another window.
      clock.time += 18_000;
      expect(await pool.acquire('fn', 'r3')).toMatchObject({ cacheHit: true });
      expect(manager.calls).toHaveLength(2);
    });

    it('trusts the later of its own last use and the activity the Manager reported', async () => {
      await warmPool();
      clock.time += 15_000;
      pool.release(await pool.acquire('fn', 'r2'));
      clock.time += 15_000; // 30 s after the Manager's report, 15 s after our last use
      expect(await pool.acquire('fn', 'r3')).toMatchObject({ cacheHit: true });
      // Only the background refresh of the stale list (30 s TTL), never one with touch.
      expect(manager.calls.map((call) => call.touch)).toEqual([true, undefined]);
    });

    it('prefers a container inside the window over a cool one', async () => {
      const first = pool.acquire('fn', 'r1');
      const second = pool.acquire('fn', 'r2');
      await flush();
      manager.calls[0].settle(coolAnswer(clock.time, ['http://a', 'http://b']));
      const [a, b] = await Promise.all([first, second]);
      pool.release(a);
      clock.time += 15_000;
      pool.release(b);
      clock.time += 5_000; // a idle 20 s (past the window), b idle 5 s
      expect(await pool.acquire('fn', 'r3')).toMatchObject({ url: b.url, cacheHit: true });
      expect(manager.calls).toHaveLength(1);
    });

    it('lists the containers in flight for the heartbeat', async () => {
      await warmPool();
      const lease = await pool.acquire('fn', 'r2');
      expect(pool.busyContainers()).toEqual([{ functionName: 'fn', url: 'http://a' }]);
      pool.release(lease);
      expect(pool.busyContainers()).toEqual([]);
    });

    it('never asks first when the Manager has no cool tier', async () => {
      const cold = pool.acquire('fn', 'r1');
      await flush();
      manager.calls[0].settle(answer(['http://a']));
      pool.release(await cold);
      clock.time += settings.cacheTtlMs - 1;
      expect(await pool.acquire('fn', 'r2')).toMatchObject({ cacheHit: true });
      expect(manager.calls).toHaveLength(1);
    });
  });
});
