/** Safety margin for the cool window: the heartbeat's own round trip and timer drift. */
export const COOL_MARGIN_MS = 1000;

/**
 * Whether the Gateway may send to a container without asking the Manager first, under the cool tier
 * (the Manager pauses a container its own records show idle for `coolAfterMs`). `warmAt` is the
 * latest of the Gateway's last use of the container and the last activity the Manager reported for
 * it. The Manager learns of the Gateway's uses only with the next heartbeat (up to `heartbeatMs`
 * late), so the Gateway trusts a container for `coolAfterMs − heartbeatMs − margin` after `warmAt`:
 * any use inside that window reaches the Manager before the container could look idle to it. Past
 * it, an ensure with `touch` unpauses the container (if it was paused) and restarts its clock.
 * `coolAfterMs` 0: containers are never paused, always usable.
 */
export function usableWithoutAsking(
  now: number,
  warmAt: number,
  coolAfterMs: number,
  heartbeatMs: number,
): boolean {
  if (coolAfterMs <= 0) return true;
  return now - warmAt < coolAfterMs - heartbeatMs - COOL_MARGIN_MS;
}
