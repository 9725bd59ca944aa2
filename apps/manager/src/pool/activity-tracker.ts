import { Injectable } from '@nestjs/common';

interface Activity {
  functionName: string;
  url: string | null;
  lastActiveMs: number;
}

/**
 * Last known activity per container (ensure starts, Gateway heartbeats). In memory on purpose:
 * after a restart every adopted container's idle clock starts again, which errs on keeping it warm.
 */
@Injectable()
export class ActivityTracker {
  private readonly byId = new Map<string, Activity>();

  track(id: string, functionName: string, url: string | null, atMs: number): void {
    this.byId.set(id, { functionName, url, lastActiveMs: atMs });
  }

  isTracked(id: string): boolean {
    return this.byId.has(id);
  }

  lastActive(id: string): number | undefined {
    return this.byId.get(id)?.lastActiveMs;
  }

  /** Moves the clock forward only; a report never makes a container look idler. */
  touch(id: string, atMs: number): void {
    const entry = this.byId.get(id);
    if (entry) entry.lastActiveMs = Math.max(entry.lastActiveMs, atMs);
  }

  /** Applies a Gateway report by (function, url); false when no tracked container matches. */
  report(functionName: string, url: string, atMs: number): boolean {
    const normalized = url.replace(/\/+$/, '');
    for (const [id, entry] of this.byId) {
      if (entry.functionName === functionName && entry.url === normalized) {
        this.touch(id, atMs);
        return true;
      }
    }
    return false;
  }

  forget(id: string): void {
    this.byId.delete(id);
  }

  lastActiveAt(id: string): string | null {
    const ms = this.lastActive(id);
    return ms === undefined ? null : new Date(ms).toISOString();
  }
}
