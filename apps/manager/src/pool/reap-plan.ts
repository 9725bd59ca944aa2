import type { ManagedContainer } from '../runtime/container-runtime';

export interface ReapInputs {
  now: number;
  idleTimeoutMs: number;
  stoppedRetentionMs: number;
  /** Last activity of a running container; undefined when its clock has not started. */
  lastActive(id: string): number | undefined;
  /** When a stopped container was first seen stopped; undefined when not yet noted. */
  stoppedSince(id: string): number | undefined;
}

export interface ReapAction {
  action: 'stop' | 'remove';
  container: ManagedContainer;
}

/** Idle running containers are stopped; long-stopped and broken ones are removed. */
export function planReaping(containers: ManagedContainer[], inputs: ReapInputs): ReapAction[] {
  const { now, idleTimeoutMs, stoppedRetentionMs } = inputs;
  return containers.flatMap((container): ReapAction[] => {
    if (container.state === 'broken') return [{ action: 'remove', container }];
    if (container.state === 'running') {
      const last = inputs.lastActive(container.id);
      return last !== undefined && now - last >= idleTimeoutMs
        ? [{ action: 'stop', container }]
        : [];
    }
    const since = inputs.stoppedSince(container.id);
    return since !== undefined && now - since >= stoppedRetentionMs
      ? [{ action: 'remove', container }]
      : [];
  });
}
