import type { ManagedContainer } from '../runtime/container-runtime';
import type { EnsureReason } from '@app/contracts';

export interface PoolView {
  /** Running containers with the current configuration. */
  running: ManagedContainer[];
  /** Paused (cool) containers with the current configuration: unpaused when needed. */
  paused: ManagedContainer[];
  /** Stopped containers with the current configuration: can be started again. */
  restartable: ManagedContainer[];
  /** Stale configuration, an image rebuilt since, or a broken state: remove. */
  discard: ManagedContainer[];
}

/** The image a container was made from is not the one its tag points at now (both known). */
export function imageRebuilt(container: ManagedContainer, currentImageId?: string): boolean {
  return Boolean(currentImageId && container.imageId && container.imageId !== currentImageId);
}

/** Sorts a function's containers by what ensure does with them. */
export function classifyPool(
  containers: ManagedContainer[],
  currentHash: string,
  currentImageId?: string,
): PoolView {
  const view: PoolView = { running: [], paused: [], restartable: [], discard: [] };
  for (const container of containers) {
    const stale = container.configHash !== currentHash || imageRebuilt(container, currentImageId);
    if (stale || container.state === 'broken') {
      view.discard.push(container);
    } else if (container.state === 'stopped') {
      view.restartable.push(container);
    } else if (container.state === 'paused') {
      view.paused.push(container);
    } else {
      view.running.push(container);
    }
  }
  return view;
}

/**
 * Containers an ensure starts: one when none runs; on `scale`, as many as the caller wants
 * (`wanted`, at least 1) without passing the reserved concurrency.
 */
export function containersToStart(
  ready: number,
  reason: EnsureReason,
  reservedConcurrency: number,
  wanted = 1,
): number {
  if (ready === 0) return 1;
  if (reason !== 'scale') return 0;
  return Math.max(0, Math.min(Math.max(1, wanted), reservedConcurrency - ready));
}

/**
 * Paused containers an ensure unpauses: as many as it would otherwise start (`needed`, from
 * `containersToStart`) — or, when the caller is about to send to every container it holds
 * (`touch`), all of them up to the limit. Unpausing comes before starting: it takes milliseconds.
 */
export function containersToWake(
  ready: number,
  paused: number,
  needed: number,
  reservedConcurrency: number,
  touch: boolean,
): number {
  const wanted = touch ? Math.max(needed, reservedConcurrency - ready) : needed;
  return Math.max(0, Math.min(paused, wanted));
}

/** Lowest slot number (from 1) not used by an existing container. */
export function freeSlot(used: Iterable<number>): number {
  const taken = new Set(used);
  let slot = 1;
  while (taken.has(slot)) slot++;
  return slot;
}
