import { Inject, Injectable } from '@nestjs/common';
import type { EnsureReason, EnsureResponseDto } from '@app/contracts';
import { CLOCK, type Clock } from '@app/platform';
import { usableWithoutAsking } from './cool-window';
import { InvocationFailure, ManagerCallError } from './invocation-errors';
import { MANAGER_CLIENT, type ManagerClient } from './ports';

export const POOL_SETTINGS = Symbol('PoolSettings');

export interface PoolSettings {
  /** How long the Manager's answer is trusted before a request refreshes it (in the background). */
  cacheTtlMs: number;
  /** Requests that may wait per function beyond the containers the pool may still start. */
  maxQueue: number;
  /** Longest wait for a free container before 429. */
  queueTimeoutMs: number;
  /** How often activity reaches the Manager (the cool window's allowance for it). */
  heartbeatIntervalMs: number;
}

/** One container reserved for one invocation; give it back with `release` or `drop`. */
export interface Lease {
  functionName: string;
  url: string;
  /** `lambda-<function>-<n>`, as the Manager named it. */
  containerName: string;
  timeoutSeconds: number;
  /** True when the request was served from known containers without waiting for the Manager. */
  cacheHit: boolean;
  /** True when the request waited for the Manager to start a container. */
  coldStart: boolean;
}

interface Slot {
  url: string;
  containerName: string;
  busy: boolean;
  /** Latest of our last use and the activity the Manager reported (ms): the cool window's start. */
  warmAt: number;
}

interface Waiter {
  resolve(slot: Slot): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

interface FunctionPool {
  name: string;
  slots: Map<string, Slot>;
  maxContainers: number;
  timeoutSeconds: number;
  /** The Manager's cool tier for this function (ms; 0 = containers are never paused). */
  coolAfterMs: number;
  freshUntil: number;
  /** False after a scale request brought no new container, until the next cold refresh. */
  canScale: boolean;
  scaling: boolean;
  /** Containers the shared cold refresh started (single-flight). */
  refreshing?: Promise<number>;
  /** The shared refresh with `touch` (free containers are all past their cool window). */
  waking?: Promise<number>;
  waiters: Waiter[];
}

function asFailure(error: unknown): Error {
  if (error instanceof ManagerCallError) return new InvocationFailure(error.reason, error.message);
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Containers per function as the Manager last reported them, with one invocation at a time per
 * container (RIE's rule). All busy: ask the Manager for more — as many as requests wait, up to the
 * function's limit, in one single-flight call — while the request waits in a bounded queue; no
 * container in time means 429.
 * Cold starts are single-flight: concurrent requests for a cold function share one ensure call.
 */
@Injectable()
export class ContainerPool {
  private readonly pools = new Map<string, FunctionPool>();

  constructor(
    @Inject(MANAGER_CLIENT) private readonly manager: ManagerClient,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(POOL_SETTINGS) private readonly settings: PoolSettings,
  ) {}

  async acquire(functionName: string, requestId: string): Promise<Lease> {
    const pool = this.poolFor(functionName);
    // Known containers, but every free one is past its cool window: the Manager may have paused
    // it, so ask (and have it unpaused) before sending — a cool start, not a cache hit.
    const cacheHit = pool.slots.size > 0 && !this.onlyCoolSlotsFree(pool);
    if (cacheHit && this.clock.now() >= pool.freshUntil) this.refreshInBackground(pool, requestId);
    const started = cacheHit ? 0 : await this.refresh(pool, requestId, true);
    const slot = this.takeFreeSlot(pool) ?? (await this.waitForSlot(pool, requestId));
    const { timeoutSeconds } = pool;
    const { url, containerName } = slot;
    return { functionName, url, containerName, timeoutSeconds, cacheHit, coldStart: started > 0 };
  }

  /** The invocation finished: the container is free for the next request. */
  release(lease: Lease): void {
    const pool = this.pools.get(lease.functionName);
    const slot = pool?.slots.get(lease.url);
    if (!pool || !slot) return;
    slot.busy = false;
    slot.warmAt = this.clock.now();
    this.serveWaiters(pool);
  }

  /**
   * The container failed: forget it; the next request (or a waiting one) asks the Manager. When it
   * could not even be reached, the function's other idle containers are forgotten too: what stops
   * one idle container (the idle reaper, a restart) usually stopped its idle peers, and retrying on
   * them one by one would fail the request.
   */
  drop(lease: Lease, requestId: string, unreachable = false): void {
    const pool = this.pools.get(lease.functionName);
    if (!pool?.slots.delete(lease.url)) return;
    if (unreachable) {
      for (const [url, slot] of pool.slots) if (!slot.busy) pool.slots.delete(url);
    }
    pool.freshUntil = 0;
    if (pool.waiters.length > 0) {
      this.refresh(pool, requestId).catch((error: unknown) => this.rejectWaiters(pool, error));
    }
  }

  /** Known container URLs per function (for diagnostics and tests). */
  snapshot(): Record<string, { urls: string[]; busy: number; waiting: number }> {
    return Object.fromEntries(
      [...this.pools.values()].map((pool) => [
        pool.name,
        {
          urls: [...pool.slots.keys()],
          busy: [...pool.slots.values()].filter((slot) => slot.busy).length,
          waiting: pool.waiters.length,
        },
      ]),
    );
  }

  private poolFor(name: string): FunctionPool {
    let pool = this.pools.get(name);
    if (!pool) {
      pool = {
        name,
        slots: new Map(),
        maxContainers: 1,
        timeoutSeconds: 3,
        coolAfterMs: 0,
        freshUntil: 0,
        canScale: true,
        scaling: false,
        waiters: [],
      };
      this.pools.set(name, pool);
    }
    return pool;
  }

  /**
   * Stale list: this request still uses the known containers (a vanished one is dropped and retried
   * on connection refusal) while one ensure refreshes the list. A failed refresh keeps the list for
   * another TTL, so a Manager outage does not stop warm traffic nor get hammered by it.
   */
  private refreshInBackground(pool: FunctionPool, requestId: string): void {
    this.refresh(pool, requestId).catch(() => {
      pool.freshUntil = this.clock.now() + this.settings.cacheTtlMs;
    });
  }

  /** `touch`: this request sends to a returned container next (see `usableWithoutAsking`). */
  private refresh(pool: FunctionPool, requestId: string, touch = false): Promise<number> {
    if (touch) {
      pool.waking ??= this.ensure(pool, 'cold', requestId, undefined, true).finally(() => {
        pool.waking = undefined;
      });
      return pool.waking;
    }
    pool.refreshing ??= this.ensure(pool, 'cold', requestId).finally(() => {
      pool.refreshing = undefined;
    });
    return pool.refreshing;
  }

  private usable(pool: FunctionPool, slot: Slot): boolean {
    const { heartbeatIntervalMs } = this.settings;
    return usableWithoutAsking(
      this.clock.now(),
      slot.warmAt,
      pool.coolAfterMs,
      heartbeatIntervalMs,
    );
  }

  private onlyCoolSlotsFree(pool: FunctionPool): boolean {
    const free = [...pool.slots.values()].filter((slot) => !slot.busy);
    return free.length > 0 && !free.some((slot) => this.usable(pool, slot));
  }

  private async ensure(
    pool: FunctionPool,
    reason: EnsureReason,
    requestId: string,
    count?: number,
    touch?: boolean,
  ): Promise<number> {
    let answer: EnsureResponseDto;
    try {
      answer = await this.manager.ensure(pool.name, reason, requestId, count, touch);
    } catch (error) {
      throw asFailure(error);
    }
    const before = pool.slots.size;
    const now = this.clock.now();
    pool.slots = new Map(
      answer.containers.map(({ url, name, lastActiveAt }) => {
        // With touch the Manager restarted every returned container's clock: confirmed now.
        const reported = touch || !lastActiveAt ? now : Date.parse(lastActiveAt);
        const slot = pool.slots.get(url) ?? { url, containerName: name, busy: false, warmAt: 0 };
        slot.warmAt = Math.max(slot.warmAt, Number.isFinite(reported) ? reported : 0);
        return [url, slot];
      }),
    );
    pool.coolAfterMs = (answer.coolAfterSeconds ?? 0) * 1000;
    pool.maxContainers = answer.maxContainers;
    pool.timeoutSeconds = answer.timeoutSeconds;
    pool.freshUntil = this.clock.now() + this.settings.cacheTtlMs;
    pool.canScale = reason === 'cold' || pool.slots.size > before;
    this.serveWaiters(pool);
    if (pool.slots.size === 0) {
      throw new InvocationFailure('unavailable', `no container is running for ${pool.name}`);
    }
    return answer.started;
  }

  /** Containers in flight now, by function (the heartbeat reports them as active). */
  busyContainers(): Array<{ functionName: string; url: string }> {
    return [...this.pools.values()].flatMap((pool) =>
      [...pool.slots.values()]
        .filter((slot) => slot.busy)
        .map((slot) => ({ functionName: pool.name, url: slot.url })),
    );
  }

  private takeFreeSlot(pool: FunctionPool): Slot | undefined {
    for (const slot of pool.slots.values()) {
      if (!slot.busy && this.usable(pool, slot)) {
        slot.busy = true;
        return slot;
      }
    }
    return undefined;
  }

  private waitForSlot(pool: FunctionPool, requestId: string): Promise<Slot> {
    const roomToGrow = pool.canScale ? Math.max(0, pool.maxContainers - pool.slots.size) : 0;
    if (pool.waiters.length >= this.settings.maxQueue + roomToGrow) {
      return Promise.reject(new InvocationFailure('throttled', `${pool.name}: queue is full`));
    }
    const slot = new Promise<Slot>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          pool.waiters = pool.waiters.filter((queued) => queued !== waiter);
          reject(new InvocationFailure('throttled', `${pool.name}: no container became free`));
        }, this.settings.queueTimeoutMs),
      };
      pool.waiters.push(waiter);
    });
    // On the next turn: requests released together (a burst after a cold start) queue first, so
    // one scale call asks for all of them.
    setImmediate(() => this.scaleUp(pool, requestId));
    return slot;
  }

  private scaleUp(pool: FunctionPool, requestId: string): void {
    if (pool.scaling || !pool.canScale || pool.waiters.length === 0) return;
    if (pool.slots.size >= pool.maxContainers) return;
    pool.scaling = true;
    // One call for every waiting request the limit allows: the Manager starts them in parallel.
    const wanted = Math.min(pool.waiters.length, pool.maxContainers - pool.slots.size);
    this.ensure(pool, 'scale', requestId, wanted)
      .catch(() => {
        pool.canScale = false;
      })
      .finally(() => {
        pool.scaling = false;
        this.scaleUp(pool, requestId);
      });
  }

  private serveWaiters(pool: FunctionPool): void {
    while (pool.waiters.length > 0) {
      const slot = this.takeFreeSlot(pool);
      if (!slot) return;
      const waiter = pool.waiters.shift() as Waiter;
      clearTimeout(waiter.timer);
      waiter.resolve(slot);
    }
  }

  private rejectWaiters(pool: FunctionPool, error: unknown): void {
    for (const waiter of pool.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.reject(asFailure(error));
    }
  }
}
