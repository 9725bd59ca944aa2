import type { ManagedContainer } from '../runtime/container-runtime';

export interface ReapInputs {
  now: number;
  idleTimeoutMs: number;
  /** Idle this long → paused; 0 = never paused. */
  coolAfterMs: number;
  stoppedRetentionMs: number;
  /** Last activity of a running or paused container; undefined when its clock has not started. */
  lastActive(id: string): number | undefined;
  /** When a stopped container was first seen stopped; undefined when not yet noted. */
  stoppedSince(id: string): number | undefined;
}

export interface ReapAction {
  action: 'pause' | 'stop' | 'remove';
  container: ManagedContainer;
}

/**
 * Idle running containers are paused after the cool window and stopped (running or paused) after the
 * idle timeout; long-stopped and broken ones are removed.
 */
export function planReaping(containers: ManagedContainer[], inputs: ReapInputs): ReapAction[] {
  const { now, idleTimeoutMs, coolAfterMs, stoppedRetentionMs } = inputs;
  return containers.flatMap((container): ReapAction[] => {
    if (container.state === 'broken') return [{ action: 'remove', container }];
    if (container.state === 'running' || container.state === 'paused') {
      const last = inputs.lastActive(container.id);
      if (last === undefined) return [];
      if (now - last >= idleTimeoutMs) return [{ action: 'stop', container }];
      const cool = container.state === 'running' && coolAfterMs > 0 && now - last >= coolAfterMs;
      return cool ? [{ action: 'pause', container }] : [];
    }
    const since = inputs.stoppedSince(container.id);
    return since !== undefined && now - since >= stoppedRetentionMs
      ? [{ action: 'remove', container }]
      : [];
  });
}
