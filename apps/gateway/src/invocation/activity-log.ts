import { Injectable } from '@nestjs/common';
import type { ActivityReportDto } from '@app/contracts';

/**
 * Warm-path activity per container since the last heartbeat, so the Manager's idle reaper sees
 * traffic that never reached it.
 */
@Injectable()
export class ActivityLog {
  private entries = new Map<string, ActivityReportDto>();

  record(functionName: string, url: string, atMs: number): void {
    const key = `${functionName} ${url}`;
    const entry = this.entries.get(key);
    const lastActiveAt = new Date(atMs).toISOString();
    if (entry) {
      entry.invocations += 1;
      entry.lastActiveAt = lastActiveAt;
    } else {
      this.entries.set(key, { function: functionName, url, lastActiveAt, invocations: 1 });
    }
  }

  /** Marks a container active at `atMs` without counting an invocation (one still in flight). */
  touch(functionName: string, url: string, atMs: number): void {
    const key = `${functionName} ${url}`;
    const lastActiveAt = new Date(atMs).toISOString();
    const entry = this.entries.get(key);
    if (entry) entry.lastActiveAt = lastActiveAt;
    else this.entries.set(key, { function: functionName, url, lastActiveAt, invocations: 0 });
  }

  /** Everything recorded since the previous call. */
  drain(): ActivityReportDto[] {
    const reports = [...this.entries.values()];
    this.entries = new Map();
    return reports;
  }
}
