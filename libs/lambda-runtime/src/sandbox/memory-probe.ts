import { readFileSync } from 'node:fs';

/** Peak resident memory of a process in MB, from the `VmHWM` line of `/proc/<pid>/status`. */
export function peakResidentMb(procStatus: string): number | undefined {
  const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(procStatus);
  return match ? Math.ceil(Number(match[1]) / 1024) : undefined;
}

export interface MemoryProbe {
  /** Peak memory of the runtime process so far, for REPORT's "Max Memory Used". */
  peakMb(pid: number | undefined): number;
}

export class ProcMemoryProbe implements MemoryProbe {
  peakMb(pid: number | undefined): number {
    if (pid === undefined) return 0;
    try {
      return peakResidentMb(readFileSync(`/proc/${pid}/status`, 'utf8')) ?? 0;
    } catch {
      return 0;
    }
  }
}
