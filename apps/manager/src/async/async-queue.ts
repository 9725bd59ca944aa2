import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { FunctionRegistry } from '../config/function-registry';
import { ManagerError } from '../errors';
import { CLOCK, Clock } from '@app/platform';
import {
  AsyncEvent,
  decide,
  DeliveryOutcome,
  destinationRecord,
  isTooOld,
  type Condition,
} from './async-policy';
import { EVENT_STORE, EventStore } from './event-store';

export const ASYNC_SETTINGS = Symbol('AsyncSettings');

export interface AsyncQueueSettings {
  /** Events per function the queue holds; beyond it enqueue answers 429. */
  maxEventsPerFunction: number;
  retryBaseMs: number;
  /** Beyond the function's timeout, before an unreported delivery is handed out again. */
  leaseGraceMs: number;
  region: string;
  account: string;
}

export class QueueFullError extends ManagerError {
  readonly status = 429;
  constructor(functionName: string, size: number) {
    super(`the async queue of '${functionName}' is full (${size} events)`);
  }
}

export interface LeasedEvent {
  id: string;
  function: string;
  payload: string;
  /** 1 for the first delivery. */
  attempt: number;
}

/** A waiting lease looks again this often (retries falling due, leases expiring); else on a change. */
const POLL_STEP_MS = 250;

/** Wakes every waiting lease call when something changed (an event queued, a delivery reported). */
class ChangeSignal {
  private waiters = new Set<() => void>();

  notify(): void {
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const wake of waiters) wake();
  }

  /** Resolves on the next `notify`, after `ms`, or when `gone` aborts, whichever is first. */
  wait(ms: number, gone?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        gone?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
      gone?.addEventListener('abort', done, { once: true });
    });
  }
}

/**
 * The per-function queues of asynchronous invocations: durable (every change is on disk before it is
 * acknowledged), bounded, retried with Lambda's backoff, finished into destinations and DLQs.
 * Gateways lease due events, invoke them through their normal path and report the outcome.
 */
@Injectable()
export class AsyncQueue implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AsyncQueue.name);
  private readonly events = new Map<string, AsyncEvent>();
  /** The same events per function, in queue order: a lease skips a saturated function whole. */
  private readonly byFunction = new Map<string, Map<string, AsyncEvent>>();
  /** Enqueues being written: they count against the bound and hold their id. */
  private readonly reserved = new Map<string, number>();
  private readonly reservedIds = new Set<string>();
  private readonly leases = new Map<string, number>();
  private readonly changed = new ChangeSignal();
  /** Where the next lease starts among the functions (round robin: no function starves another). */
  private cursor = 0;
  private closing = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ASYNC_SETTINGS) private readonly settings: AsyncQueueSettings,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly registry: FunctionRegistry,
  ) {}

  onModuleInit(): void {
    for (const event of this.store.loadEvents()) this.put(event);
    if (this.events.size > 0) this.logger.log(`${this.events.size} queued async event(s) loaded`);
  }

  onModuleDestroy(): void {
    this.closing = true;
    this.changed.notify();
  }

  private put(event: AsyncEvent): void {
    this.events.set(event.id, event);
    let queue = this.byFunction.get(event.function);
    if (!queue) {
      queue = new Map<string, AsyncEvent>();
      this.byFunction.set(event.function, queue);
    }
    queue.set(event.id, event);
  }

  private drop(event: AsyncEvent): void {
    this.events.delete(event.id);
    const queue = this.byFunction.get(event.function);
    queue?.delete(event.id);
    if (queue?.size === 0) this.byFunction.delete(event.function);
  }

  /** Durably queues one event; `id` is the caller's request id (a new one when absent or taken). */
  async enqueue(functionName: string, payload: string, id?: string): Promise<AsyncEvent> {
    this.registry.get(functionName);
    const size = this.sizeOf(functionName) + (this.reserved.get(functionName) ?? 0);
    if (size >= this.settings.maxEventsPerFunction) throw new QueueFullError(functionName, size);
    const usable =
      id !== undefined &&
      /^[A-Za-z0-9_.-]{1,128}$/.test(id) &&
      !this.events.has(id) &&
      !this.reservedIds.has(id);
    const now = this.clock.now();
    const event: AsyncEvent = {
      id: usable ? id : randomUUID(),
      function: functionName,
      payload,
      enqueuedAt: now,
      attempts: 0,
      systemRetries: 0,
      notBefore: now,
    };
    this.reserved.set(functionName, (this.reserved.get(functionName) ?? 0) + 1);
    this.reservedIds.add(event.id);
    try {
      await this.store.saveEvent(event);
      this.put(event);
    } finally {
      this.reservedIds.delete(event.id);
      const left = (this.reserved.get(functionName) ?? 1) - 1;
      if (left > 0) this.reserved.set(functionName, left);
      else this.reserved.delete(functionName);
    }
    this.changed.notify();
    return event;
  }

  /**
   * Due events, at most `max`, waiting up to `waitMs` for one; never more in flight per function
   * than its concurrency. Nothing is leased once `gone` aborts (the caller left).
   */
  async lease(max: number, waitMs: number, gone?: AbortSignal): Promise<LeasedEvent[]> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      if (gone?.aborted) return [];
      const leased = await this.takeDue(max);
      const left = deadline - Date.now();
      if (leased.length > 0 || this.closing || left <= 0) return leased;
      await this.changed.wait(Math.min(POLL_STEP_MS, left), gone);
    }
  }

  private async takeDue(max: number): Promise<LeasedEvent[]> {
    const now = this.clock.now();
    const inFlight = new Map<string, number>();
    for (const [id, until] of this.leases) {
      const event = this.events.get(id);
      if (!event || until <= now) this.leases.delete(id);
      else inFlight.set(event.function, (inFlight.get(event.function) ?? 0) + 1);
    }
    const leased: LeasedEvent[] = [];
    const expired: AsyncEvent[] = [];
    const functions = [...this.byFunction.keys()];
    this.cursor = functions.length > 0 ? (this.cursor + 1) % functions.length : 0;
    for (let step = 0; step < functions.length && leased.length < max; step++) {
      const name = functions[(this.cursor + step) % functions.length];
      const fn = this.registry.find(name);
      if (!fn) continue;
      const settings = this.registry.asyncSettings(name);
      for (const event of this.byFunction.get(name)?.values() ?? []) {
        if (leased.length >= max || (inFlight.get(name) ?? 0) >= fn.reservedConcurrency) break;
        if (this.leases.has(event.id) || event.notBefore > now) continue;
        // held by a lease while it finishes, so no other call hands it out meanwhile
        this.leases.set(event.id, now + fn.timeout * 1000 + this.settings.leaseGraceMs);
        if (isTooOld(event, settings, now)) {
          expired.push(event);
          continue;
        }
        inFlight.set(name, (inFlight.get(name) ?? 0) + 1);
        leased.push({
          id: event.id,
          function: name,
          payload: event.payload,
          attempt: event.attempts + event.systemRetries + 1,
        });
      }
    }
    for (const event of expired) await this.finish(event, 'EventAgeExceeded', undefined);
    return leased;
  }

  /** A Gateway's outcome of one delivery; unknown ids (already finished) are ignored. */
  async report(id: string, outcome: DeliveryOutcome): Promise<boolean> {
    const event = this.events.get(id);
    if (!event) return false;
    const updated: AsyncEvent = {
      ...event,
      attempts: event.attempts + (outcome.kind === 'systemError' ? 0 : 1),
      systemRetries: event.systemRetries + (outcome.kind === 'systemError' ? 1 : 0),
    };
    const settings = this.registry.asyncSettings(event.function);
    const now = this.clock.now();
    const decision = decide(
      updated,
      outcome,
      settings,
      { retryBaseMs: this.settings.retryBaseMs },
      now,
    );
    if (decision.action === 'retry') {
      const next = { ...updated, notBefore: decision.at };
      await this.store.saveEvent(next);
      this.put(next);
      // the lease holds the event until its retry is on disk: no other lease meanwhile
      this.leases.delete(id);
      this.changed.notify();
      if (outcome.kind === 'functionError')
        this.logger.warn(
          `${event.function} failed on ${id} (${outcome.errorType}); retry ${updated.attempts} at ${new Date(decision.at).toISOString()}`,
        );
      return true;
    }
    await this.finish(updated, decision.condition, outcome);
    this.leases.delete(id);
    this.changed.notify();
    return true;
  }

  /** Destinations and DLQ are queued (durably) before the event is removed: never lost, at worst sent twice. */
  private async finish(
    event: AsyncEvent,
    condition: Condition,
    last: DeliveryOutcome | undefined,
  ): Promise<void> {
    const settings = this.registry.asyncSettings(event.function);
    const record = () =>
      JSON.stringify(
        destinationRecord(event, condition, last, { ...this.settings, now: this.clock.now() }),
      );
    const targets: Array<[string | undefined, string, () => string]> =
      condition === 'Success'
        ? [[settings.onSuccess, 'onsuccess', record]]
        : [
            [settings.onFailure, 'onfailure', record],
            [settings.deadLetter, 'dlq', () => event.payload],
          ];
    for (const [target, suffix, body] of targets) {
      if (!target) continue;
      try {
        await this.enqueue(target, body(), `${event.id}-${suffix}`);
      } catch (error) {
        this.logger.error(
          `cannot queue the ${condition} record of ${event.id} for ${target}: ${(error as Error).message}`,
        );
      }
    }
    if (condition !== 'Success' && !settings.onFailure && !settings.deadLetter)
      this.logger.warn(
        `${event.function}: async event ${event.id} dropped (${condition}); no OnFailure destination or DLQ`,
      );
    await this.store.removeEvent(event.id);
    this.drop(event);
  }

  sizeOf(functionName: string): number {
    return this.byFunction.get(functionName)?.size ?? 0;
  }

  /** Per function: events queued and the age of the oldest (seconds). */
  stats(): Array<{ function: string; size: number; oldestAgeSeconds: number }> {
    const now = this.clock.now();
    const byFunction = new Map<string, { size: number; oldest: number }>();
    for (const event of this.events.values()) {
      const entry = byFunction.get(event.function) ?? { size: 0, oldest: event.enqueuedAt };
      entry.size++;
      entry.oldest = Math.min(entry.oldest, event.enqueuedAt);
      byFunction.set(event.function, entry);
    }
    return [...byFunction].map(([fn, { size, oldest }]) => ({
      function: fn,
      size,
      oldestAgeSeconds: (now - oldest) / 1000,
    }));
  }
}
