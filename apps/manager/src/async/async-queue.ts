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

/** Lease beyond the function's timeout before an unreported delivery is handed out again. */
const LEASE_GRACE_MS = 60_000;
const POLL_STEP_MS = 50;

/**
 * The per-function queues of asynchronous invocations: durable (every change is on disk before it is
 * acknowledged), bounded, retried with Lambda's backoff, finished into destinations and DLQs.
 * Gateways lease due events, invoke them through their normal path and report the outcome.
 */
@Injectable()
export class AsyncQueue implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AsyncQueue.name);
  private readonly events = new Map<string, AsyncEvent>();
  private readonly leases = new Map<string, number>();
  private closing = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ASYNC_SETTINGS) private readonly settings: AsyncQueueSettings,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly registry: FunctionRegistry,
  ) {}

  onModuleInit(): void {
    for (const event of this.store.loadEvents()) this.events.set(event.id, event);
    if (this.events.size > 0) this.logger.log(`${this.events.size} queued async event(s) loaded`);
  }

  onModuleDestroy(): void {
    this.closing = true;
  }

  /** Durably queues one event; `id` is the caller's request id (a new one when absent or taken). */
  async enqueue(functionName: string, payload: string, id?: string): Promise<AsyncEvent> {
    this.registry.get(functionName);
    const size = this.sizeOf(functionName);
    if (size >= this.settings.maxEventsPerFunction) throw new QueueFullError(functionName, size);
    const usable = id !== undefined && /^[A-Za-z0-9_.-]{1,128}$/.test(id) && !this.events.has(id);
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
    await this.store.saveEvent(event);
    this.events.set(event.id, event);
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
      if (leased.length > 0 || this.closing || Date.now() >= deadline) return leased;
      await new Promise((resolve) => setTimeout(resolve, POLL_STEP_MS));
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
    for (const event of [...this.events.values()]) {
      if (leased.length >= max) break;
      if (this.leases.has(event.id) || event.notBefore > now) continue;
      const fn = this.registry.find(event.function);
      if (!fn) continue;
      if (isTooOld(event, this.registry.asyncSettings(event.function), now)) {
        await this.finish(event, 'EventAgeExceeded', undefined);
        continue;
      }
      const busy = inFlight.get(event.function) ?? 0;
      if (busy >= fn.reservedConcurrency) continue;
      inFlight.set(event.function, busy + 1);
      this.leases.set(event.id, now + fn.timeout * 1000 + LEASE_GRACE_MS);
      leased.push({
        id: event.id,
        function: event.function,
        payload: event.payload,
        attempt: event.attempts + event.systemRetries + 1,
      });
    }
    return leased;
  }

  /** A Gateway's outcome of one delivery; unknown ids (already finished) are ignored. */
  async report(id: string, outcome: DeliveryOutcome): Promise<boolean> {
    const event = this.events.get(id);
    if (!event) return false;
    this.leases.delete(id);
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
      this.events.set(id, next);
      if (outcome.kind === 'functionError')
        this.logger.warn(
          `${event.function} failed on ${id} (${outcome.errorType}); retry ${updated.attempts} at ${new Date(decision.at).toISOString()}`,
        );
      return true;
    }
    await this.finish(updated, decision.condition, outcome);
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
    this.events.delete(event.id);
  }

  sizeOf(functionName: string): number {
    let size = 0;
    for (const event of this.events.values()) if (event.function === functionName) size++;
    return size;
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
