import { Inject, Injectable, Optional } from '@nestjs/common';
import { newTraceId, traceRoot } from '@app/contracts';
import { CLOCK, type Clock } from '@app/platform';

/** Which invocation a trace root belongs to. */
export interface TracedInvocation {
  functionName: string;
  /** `lambda-<function>-<n>`: the container that ran it. */
  containerName: string;
  requestId: string;
}

export const TRACE_SETTINGS = Symbol('TraceSettings');

export interface TraceSettings {
  /** How long a finished invocation is still recognised (work a handler left running, retries). */
  retainMs: number;
  /** Most invocations remembered; the oldest are forgotten first. */
  maxEntries: number;
}

interface Entry {
  invocation: TracedInvocation;
  endedAt?: number;
}

/**
 * One trace header per invocation the Gateway hands to a container (as API Gateway does). The
 * function's AWS SDK sends it back on each call it makes (`X-Amzn-Trace-Id`), so a call to the
 * Gateway's own APIs (CloudWatch Logs) can be tied to the container and invocation that made it.
 * A fresh root every time: a caller's own trace header (e.g. a function invoking another) would
 * otherwise point at the calling container.
 */
@Injectable()
export class InvocationTraces {
  private readonly entries = new Map<string, Entry>();

  private readonly settings: TraceSettings;

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(TRACE_SETTINGS) settings?: TraceSettings,
  ) {
    this.settings = settings ?? { retainMs: 60_000, maxEntries: 10_000 };
  }

  /** Remembers the invocation; answers the trace header to send with it. */
  begin(invocation: TracedInvocation): string {
    this.forgetExpired();
    const header = newTraceId(this.clock.now());
    this.entries.set(traceRoot(header) as string, { invocation });
    return header;
  }

  /** The invocation finished: it is recognised for `retainMs` more. */
  end(header: string): void {
    const entry = this.entries.get(traceRoot(header) ?? '');
    if (entry) entry.endedAt = this.clock.now();
  }

  /** The invocation whose trace header the caller sent, if it is one of ours. */
  find(header: string | string[] | undefined): TracedInvocation | undefined {
    const root = traceRoot(header);
    return root === undefined ? undefined : this.entries.get(root)?.invocation;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Entries are in start order: drop from the front while over the cap or finished long ago. */
  private forgetExpired(): void {
    const expiredBefore = this.clock.now() - this.settings.retainMs;
    for (const [root, entry] of this.entries) {
      const expired = entry.endedAt !== undefined && entry.endedAt < expiredBefore;
      if (!expired && this.entries.size < this.settings.maxEntries) return;
      this.entries.delete(root);
    }
  }
}
