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
  /** Provisioned concurrency of a function: that many of its live containers are never reaped. */
  provisioned(functionName: string): number;
}

/** The live (running or paused) containers provisioned concurrency keeps: the lowest slots. */
export function provisionedKeep(
  containers: ManagedContainer[],
  provisioned: (functionName: string) => number,
): Set<string> {
  const live = containers
    .filter((c) => c.state === 'running' || c.state === 'paused')
    .sort((a, b) => a.slot - b.slot);
  const kept = new Set<string>();
  const counts = new Map<string, number>();
  for (const c of live) {
    const count = counts.get(c.functionName) ?? 0;
    if (count >= provisioned(c.functionName)) continue;
    counts.set(c.functionName, count + 1);
    kept.add(c.id);
  }
  return kept;
}

export interface ReapAction {
  action: 'pause' | 'stop' | 'remove';
  container: ManagedContainer;
}

/**
 * Provisioned containers stay as they are. Other idle running containers are paused after the cool window and stopped (running or paused) after the
 * idle timeout; long-stopped and broken ones are removed.
 */
export function planReaping(containers: ManagedContainer[], inputs: ReapInputs): ReapAction[] {
  const { now, idleTimeoutMs, coolAfterMs, stoppedRetentionMs } = inputs;
  const kept = provisionedKeep(containers, (name) => inputs.provisioned(name));
  return containers.flatMap((container): ReapAction[] => {
    if (container.state === 'broken') return [{ action: 'remove', container }];
    if (kept.has(container.id)) return [];
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
