import type { ManagedContainer } from '../runtime/container-runtime';

export type SyncPhase = 'start' | 'reload';

export interface SyncDecision {
  container: ManagedContainer;
  action: 'adopt' | 'keep' | 'remove';
  reason: string;
}

/**
 * Adopt & Sync: what to do with this Manager's containers at start (and after a config reload).
 * Running containers with the current configuration are adopted; containers of unconfigured
 * functions, with a changed configuration or in a broken state are removed; stopped ones are
 * removed at start and left for the reaper after a reload. Unmanaged containers never get here.
 */
export function planSync(
  containers: ManagedContainer[],
  currentHash: (functionName: string) => string | undefined,
  phase: SyncPhase,
): SyncDecision[] {
  return containers.map((container) => {
    const hash = currentHash(container.functionName);
    if (hash === undefined)
      return { container, action: 'remove', reason: 'function not configured' };
    if (hash !== container.configHash) {
      return { container, action: 'remove', reason: 'configuration changed' };
    }
    if (container.state === 'broken') return { container, action: 'remove', reason: 'broken' };
    if (container.state === 'stopped') {
      return phase === 'start'
        ? { container, action: 'remove', reason: 'stopped' }
        : { container, action: 'keep', reason: 'stopped; the reaper removes it' };
    }
    // Paused (cool) ones are adopted as they are: the next ensure that needs them unpauses them.
    return {
      container,
      action: 'adopt',
      reason: `${container.state} with the current configuration`,
    };
  });
}
