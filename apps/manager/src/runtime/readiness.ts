import { RUNTIME_READY_PATH } from '@app/contracts';
import { ContainerExitedError, StartTimeoutError } from '../errors';
import type { Clock } from '@app/platform';

/** One HTTP GET; resolves with the status, rejects when nothing answers (refused, reset, timeout). */
export const HTTP_PROBE = Symbol('HttpProbe');

export interface HttpProbe {
  status(url: string, timeoutMs: number): Promise<number>;
}

export class FetchHttpProbe implements HttpProbe {
  async status(url: string, timeoutMs: number): Promise<number> {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return response.status;
  }
}

/** Short: a runtime that boots in ~300 ms should not wait up to 50 ms more to be noticed. */
const POLL_INTERVAL_MS = 10;
const ATTEMPT_TIMEOUT_MS = 1000;
/** How often (and at the deadline) to ask whether the container still runs. */
const LIVENESS_CHECK_MS = 500;

export interface ReadinessTarget {
  name: string;
  url: string;
  /** False once the container has exited: no point waiting for the deadline. */
  isRunning(): Promise<boolean>;
}

/**
 * Polls `GET <url>/health` until the runtime answers anything but 503 (RIE answers 404 there and is
 * ready). Connection errors and 503 mean "not yet". A container that exited fails fast with
 * ContainerExitedError; a live one that misses the deadline fails with StartTimeoutError.
 */
export async function waitUntilReady(
  target: ReadinessTarget,
  timeoutMs: number,
  { clock, probe }: { clock: Clock; probe: HttpProbe },
): Promise<void> {
  const deadline = clock.now() + timeoutMs;
  let nextLivenessCheck = clock.now() + LIVENESS_CHECK_MS;
  for (;;) {
    const status = await probe
      .status(`${target.url}${RUNTIME_READY_PATH}`, ATTEMPT_TIMEOUT_MS)
      .catch(() => undefined);
    if (status !== undefined && status !== 503) return;
    const now = clock.now();
    if (now >= nextLivenessCheck || now >= deadline) {
      if (!(await target.isRunning())) throw new ContainerExitedError(target.name);
      nextLivenessCheck = now + LIVENESS_CHECK_MS;
    }
    if (now >= deadline) throw new StartTimeoutError(target.name, timeoutMs / 1000);
    await clock.sleep(POLL_INTERVAL_MS);
  }
}
