import { FakeClock } from '../../test/fakes/fake-clock';
import { FakeHttpProbe } from '../../test/fakes/fake-http-probe';
import { ContainerExitedError, StartTimeoutError } from '../errors';
import { waitUntilReady } from './readiness';

function target(running = true) {
  return { name: 'lambda-f-1', url: 'http://c:8080', isRunning: async () => running };
}

describe('waitUntilReady', () => {
  it.each([
    ['200 at once', [200], 1],
    ['404 (RIE has no /health) at once', [404], 1],
    ['503 twice, then 200', [503, 503, 200], 3],
    ['refused, then 500 (any answer but 503 is ready)', ['refused', 500], 2],
  ] as const)('is ready after %s', async (_case, script, probes) => {
    const probe = new FakeHttpProbe([...script], 'refused');
    await waitUntilReady(target(), 5_000, { clock: new FakeClock(), probe });
    expect(probe.urls).toHaveLength(probes);
    expect(probe.urls[0]).toBe('http://c:8080/health');
  });

  it('fails with a start timeout at the deadline', async () => {
    const clock = new FakeClock();
    const started = clock.now();
    const probe = new FakeHttpProbe([], 503);
    await expect(waitUntilReady(target(), 2_000, { clock, probe })).rejects.toBeInstanceOf(
      StartTimeoutError,
    );
    expect(clock.now() - started).toBeGreaterThanOrEqual(2_000);
  });

  it('gives up early when the container has exited', async () => {
    const probe = new FakeHttpProbe([], 'refused');
    await expect(
      waitUntilReady(target(false), 60_000, { clock: new FakeClock(), probe }),
    ).rejects.toBeInstanceOf(ContainerExitedError);
    // At the first liveness check (500 ms of 10 ms polls), not at the 60 s deadline.
    expect(probe.urls.length).toBeLessThanOrEqual(51);
  });
});
