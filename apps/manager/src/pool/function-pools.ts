import { readFile } from 'node:fs/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EnsureReason, EnsureResponseDto } from '@app/contracts';
import { FunctionRegistry, RegisteredFunction } from '../config/function-registry';
import { FUNCTION_CA_PATH } from '../config/injected-environment';
import { ContainerAddressError, NameConflictError } from '../errors';
import { ManagerMetrics } from '../metrics/manager-metrics';
import { CLOCK, Clock } from '@app/platform';
import {
  CONTAINER_RUNTIME,
  ContainerRuntime,
  ManagedContainer,
} from '../runtime/container-runtime';
import { buildContainerSpec } from '../runtime/container-spec';
import type { ContainerFile } from '../runtime/tar-archive';
import { HTTP_PROBE, HttpProbe, waitUntilReady } from '../runtime/readiness';
import { ActivityTracker } from './activity-tracker';
import { ContainerBudget } from './container-budget';
import { KeyedMutex, SingleFlight } from './concurrency';
import { classifyPool, containersToStart, containersToWake, freeSlot } from './pool-plan';
import { POOL_SETTINGS, PoolSettings } from './pool-settings';
import type { StartPhases } from '../metrics/manager-metrics';

type Running = ManagedContainer & { url: string };

/** What an ensure was asked for. */
interface Ask {
  reason: EnsureReason;
  wanted: number;
  touch: boolean;
}

/** Slots skipped because someone else holds the name, before giving up with 409. */
const MAX_NAME_CONFLICTS = 5;

/**
 * Per-function container pools. Every change to a function's containers runs under that function's
 * lock; concurrent cold ensures share one flight, so N cold requests make one start.
 */
@Injectable()
export class FunctionPools {
  private readonly logger = new Logger(FunctionPools.name);
  private readonly locks = new KeyedMutex();
  private readonly coldFlights = new SingleFlight<EnsureResponseDto>();
  /** Containers that passed the readiness probe since they last started. */
  private readonly ready = new Set<string>();

  constructor(
    @Inject(CONTAINER_RUNTIME) private readonly runtime: ContainerRuntime,
    private readonly registry: FunctionRegistry,
    private readonly activity: ActivityTracker,
    private readonly metrics: ManagerMetrics,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(HTTP_PROBE) private readonly probe: HttpProbe,
    @Inject(POOL_SETTINGS) private readonly settings: PoolSettings,
    private readonly budget: ContainerBudget,
  ) {}

  /**
   * `touch`: the caller is about to send to the containers it is given — every paused one is
   * unpaused and every returned one's idle clock restarts (so none is paused under it).
   */
  async ensure(
    functionName: string,
    reason: EnsureReason = 'cold',
    wanted = 1,
    touch = false,
  ): Promise<EnsureResponseDto> {
    const fn = this.registry.get(functionName);
    const ask: Ask = { reason, wanted, touch };
    const reconcile = () => this.locks.run(fn.name, () => this.timed(fn, ask));
    const flight = `${fn.name}${touch ? ' touch' : ''}`;
    return reason === 'cold' ? this.coldFlights.run(flight, reconcile) : reconcile();
  }

  /** Logs how long an ensure that started containers took, for the cold-path breakdown. */
  private async timed(fn: RegisteredFunction, ask: Ask) {
    const { reason } = ask;
    const began = this.clock.now();
    const answer = await this.reconcile(fn, ask);
    if (answer.started > 0) {
      const ms = this.clock.now() - began;
      this.logger.log(
        `ensure ${fn.name} (${reason}) answered in ${ms} ms, ${answer.started} started`,
      );
    }
    return answer;
  }

  /**
   * Tops a function up to its provisioned concurrency (live = running or paused; paused ones are
   * unpaused); returns how many containers it started.
   */
  async provision(functionName: string): Promise<number> {
    const fn = this.registry.get(functionName);
    let started = 0;
    // An empty pool starts one first (single cold start), then the rest in parallel.
    for (let round = 0; round < 2; round++) {
      const containers = await this.runtime.list(fn.name);
      const awake = containers.filter((c) => c.state === 'running').length;
      if (awake >= fn.provisionedConcurrency) break;
      const wanted = fn.provisionedConcurrency - awake;
      const answer = await this.ensure(fn.name, 'scale', wanted, true);
      started += answer.started;
      if (answer.containers.length >= fn.provisionedConcurrency) break;
    }
    if (started > 0) this.logger.log(`provisioned ${fn.name}: ${started} started`);
    return started;
  }

  /** Runs `task` under the function's lock (the reaper and sync use it to change containers). */
  withFunctionLock<T>(functionName: string, task: () => Promise<T>): Promise<T> {
    return this.locks.run(functionName, task);
  }

  /** Stops and removes a container; the caller holds the function's lock. */
  async discard(container: ManagedContainer): Promise<void> {
    await this.runtime.remove(container.id);
    this.ready.delete(container.id);
    this.activity.forget(container.id);
  }

  /** Stops a container but keeps it for a quick restart; the caller holds the function's lock. */
  async park(container: ManagedContainer): Promise<void> {
    // A frozen process gets no SIGTERM: thawed first, it stops gracefully instead of being killed.
    if (container.state === 'paused')
      await this.runtime.unpause(container.id).catch(() => undefined);
    await this.runtime.stop(container.id);
    this.ready.delete(container.id);
  }

  private async reconcile(fn: RegisteredFunction, { reason, wanted, touch }: Ask) {
    // The image is looked up each time: one rebuilt under the same tag replaces the containers.
    const [containers, imageId] = await Promise.all([
      this.runtime.list(fn.name),
      this.runtime.imageId(fn.image),
    ]);
    const view = classifyPool(containers, fn.configHash, imageId);
    for (const container of view.discard) await this.discard(container);
    const pool: Running[] = [];
    for (const container of view.running) {
      if (await this.isReady(container)) pool.push(container as Running);
      else await this.discard(container);
    }
    const needed = containersToStart(pool.length, reason, fn.reservedConcurrency, wanted);
    const wake = containersToWake(
      pool.length,
      view.paused.length,
      needed,
      fn.reservedConcurrency,
      touch,
    );
    const woken = await this.unpause(view.paused.slice(0, wake));
    pool.push(...woken);
    // Under the cap on all functions' containers (MAX_FUNCTION_CONTAINERS).
    const grant = await this.budget.claim(Math.max(0, needed - woken.length), pool.length);
    // In parallel; stopped containers are started again before new ones are created. One shared
    // list of taken slots, so parallel creations never pick the same name.
    const taken = [...pool, ...view.restartable].map((c) => c.slot);
    const outcomes = await Promise.allSettled(
      Array.from({ length: grant.count }, (_, index) =>
        this.addContainer(fn, taken, view.restartable[index]),
      ),
    ).finally(() => grant.settle());
    const added = outcomes.flatMap((outcome) =>
      outcome.status === 'fulfilled' ? [outcome.value] : [],
    );
    const failure = outcomes.find((outcome) => outcome.status === 'rejected');
    // Scaling out is best effort: a pool that serves stays usable.
    if (failure && pool.length + added.length === 0) throw failure.reason;
    if (failure) {
      const message = (failure.reason as Error).message;
      this.logger.warn(`could not add a container to ${fn.name}: ${message}`);
    }
    pool.push(...added);
    const started = added.length;
    // After a reload lowered the limit, the extra containers get no traffic and idle out.
    const served = pool.slice(0, fn.reservedConcurrency);
    const now = this.clock.now();
    if (touch) for (const { id } of served) this.activity.touch(id, now);
    return {
      function: fn.name,
      containers: served.map(({ id, name, url }) => ({
        id,
        name,
        url,
        lastActiveAt: this.activity.lastActiveAt(id) ?? new Date(now).toISOString(),
      })),
      started,
      maxContainers: fn.reservedConcurrency,
      timeoutSeconds: fn.timeout,
      coolAfterSeconds: this.settings.coolAfterMs / 1000,
    };
  }

  /**
   * Unpauses cool containers in parallel (their idle clocks restart); one that fails to unpause or
   * to answer is removed, and the ensure starts a fresh one in its place.
   */
  private async unpause(paused: ManagedContainer[]): Promise<Running[]> {
    const outcomes = await Promise.all(
      paused.map(async (container) => {
        const began = this.clock.now();
        try {
          await this.runtime.unpause(container.id);
        } catch (error) {
          this.logger.warn(
            `discarding ${container.name}: unpause failed: ${(error as Error).message}`,
          );
          await this.discard(container).catch(() => undefined);
          return [];
        }
        const resumed: ManagedContainer = { ...container, state: 'running' };
        if (!(await this.isReady(resumed))) {
          await this.discard(container).catch(() => undefined);
          return [];
        }
        this.activity.touch(container.id, this.clock.now());
        this.metrics.recordUnpause((this.clock.now() - began) / 1000);
        this.logger.log(`unpaused ${container.name} in ${this.clock.now() - began} ms`);
        return [resumed as Running];
      }),
    );
    return outcomes.flat();
  }

  /** Pauses an idle container (the cool tier); the caller holds the function's lock. */
  async pause(container: ManagedContainer): Promise<void> {
    await this.runtime.pause(container.id);
  }

  /**
   * The files every new container gets: the CA certificate when configured. Read each time (the
   * Gateway may generate its certificate after the Manager started); unreadable → started without,
   * with a warning (the function's HTTPS calls to the Gateway then fail verification).
   */
  private async functionFiles(): Promise<ContainerFile[]> {
    const caFile = this.settings.caFile;
    if (!caFile) return [];
    try {
      return [{ path: FUNCTION_CA_PATH, content: await readFile(caFile) }];
    } catch (error) {
      this.logger.warn(
        `FUNCTION_CA_FILE unreadable, starting without it: ${(error as Error).message}`,
      );
      return [];
    }
  }

  /** A running container counts once it answered the probe (adopted ones are probed once). */
  private async isReady(container: ManagedContainer): Promise<boolean> {
    if (this.ready.has(container.id)) return true;
    if (!container.url) return false;
    try {
      await this.waitReady(container as Running);
    } catch (error) {
      this.logger.warn(`discarding ${container.name}: ${(error as Error).message}`);
      return false;
    }
    this.ready.add(container.id);
    if (!this.activity.isTracked(container.id)) {
      this.activity.track(container.id, container.functionName, container.url, this.clock.now());
    }
    return true;
  }

  private waitReady(container: Running): Promise<void> {
    const isRunning = async () => (await this.runtime.inspect(container.id))?.state === 'running';
    return waitUntilReady(
      { name: container.name, url: container.url, isRunning },
      this.settings.readyTimeoutMs,
      { clock: this.clock, probe: this.probe },
    );
  }

  /**
   * Restarts a stopped container, or creates one in the lowest free slot; a slot whose name a
   * container we do not own already holds (another Manager instance, a leftover) is skipped.
   */
  private async addContainer(
    fn: RegisteredFunction,
    taken: number[],
    stopped: ManagedContainer | undefined,
  ): Promise<Running> {
    if (stopped) return this.startOne(fn, stopped.slot, stopped);
    for (let conflicts = 0; ; conflicts++) {
      const slot = freeSlot(taken);
      taken.push(slot); // before any await: a parallel start picks another slot
      try {
        return await this.startOne(fn, slot, undefined);
      } catch (error) {
        if (!(error instanceof NameConflictError) || conflicts >= MAX_NAME_CONFLICTS) throw error;
        this.logger.warn(`${error.message}; trying the next slot`);
      }
    }
  }

  private async startOne(
    fn: RegisteredFunction,
    slot: number,
    stopped: ManagedContainer | undefined,
  ): Promise<Running> {
    const began = this.clock.now();
    let id = stopped?.id;
    const phases: StartPhases = { create: 0, start: 0, ready: 0 };
    if (!id) {
      const spec = buildContainerSpec(fn, slot, {
        injected: this.settings.injected,
        instance: this.settings.instance,
        now: new Date(began),
        files: await this.functionFiles(),
      });
      id = await this.runtime.create(spec);
      phases.create = this.clock.now() - began;
    }
    const container = await this.runtime.start(id).catch(async (error: unknown) => {
      if (!stopped) await this.runtime.remove(id).catch(() => undefined);
      throw error;
    });
    const started = this.clock.now();
    phases.start = started - began - phases.create;
    try {
      if (!container.url) throw new ContainerAddressError(container.name);
      await this.waitReady(container as Running);
    } catch (error) {
      await this.discard(container).catch(() => undefined);
      throw error;
    }
    const now = this.clock.now();
    phases.ready = now - started;
    this.ready.add(container.id);
    this.activity.track(container.id, fn.name, container.url, now);
    this.metrics.recordStart(fn.name, (now - began) / 1000, phases);
    this.logger.log(
      `started ${container.name} at ${container.url} in ${now - began} ms ` +
        `(${stopped ? 'restart' : 'create'} ${phases.create} ms, start ${phases.start} ms, ready ${phases.ready} ms)`,
    );
    return container as Running;
  }
}
