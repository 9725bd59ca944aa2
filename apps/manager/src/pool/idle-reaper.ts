import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { ManagerMetrics } from '../metrics/manager-metrics';
import { CLOCK, Clock } from '@app/platform';
import {
  CONTAINER_RUNTIME,
  ContainerRuntime,
  ManagedContainer,
} from '../runtime/container-runtime';
import { FunctionRegistry } from '../config/function-registry';
import { ActivityTracker } from './activity-tracker';
import { ContainerSync } from './container-sync';
import { FunctionPools } from './function-pools';
import { POOL_SETTINGS, PoolSettings } from './pool-settings';
import { planReaping, ReapAction } from './reap-plan';

export const REAPER_INTERVAL_MS = Symbol('ReaperIntervalMs');
const INTERVAL_NAME = 'idle-reaper';

/** Stops idle containers and removes long-stopped ones, off the request path; passes never overlap. */
@Injectable()
export class IdleReaper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(IdleReaper.name);
  private passing = false;
  private readonly stoppedSince = new Map<string, number>();

  constructor(
    @Inject(CONTAINER_RUNTIME) private readonly runtime: ContainerRuntime,
    private readonly pools: FunctionPools,
    private readonly sync: ContainerSync,
    private readonly registry: FunctionRegistry,
    private readonly activity: ActivityTracker,
    private readonly metrics: ManagerMetrics,
    private readonly scheduler: SchedulerRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(POOL_SETTINGS) private readonly settings: PoolSettings,
    @Inject(REAPER_INTERVAL_MS) private readonly intervalMs: number,
  ) {}

  /** Starts only once the whole app is up, so a failed start leaves no timer behind. */
  onApplicationBootstrap(): void {
    this.scheduler.addInterval(
      INTERVAL_NAME,
      setInterval(() => void this.runPass(), this.intervalMs),
    );
  }

  onModuleDestroy(): void {
    if (this.scheduler.doesExist('interval', INTERVAL_NAME)) {
      this.scheduler.deleteInterval(INTERVAL_NAME);
    }
  }

  /** One pass; returns false when skipped because the previous pass is still running. */
  async runPass(): Promise<boolean> {
    if (this.passing) return false;
    this.passing = true;
    try {
      await this.sync.adoptIfPending();
      await this.reap();
      await this.sync.provision();
    } catch (error) {
      this.logger.warn(`reaper pass failed: ${(error as Error).message}`);
    } finally {
      this.passing = false;
    }
    return true;
  }

  private async reap(): Promise<void> {
    const now = this.clock.now();
    const containers = await this.runtime.list();
    this.startClocks(containers, now);
    const actions = planReaping(containers, {
      now,
      idleTimeoutMs: this.settings.idleTimeoutMs,
      coolAfterMs: this.settings.coolAfterMs,
      stoppedRetentionMs: this.settings.stoppedRetentionMs,
      lastActive: (id) => this.activity.lastActive(id),
      stoppedSince: (id) => this.stoppedSince.get(id),
      provisioned: (name) => this.registry.find(name)?.provisionedConcurrency ?? 0,
    });
    for (const action of actions) {
      await this.pools.withFunctionLock(action.container.functionName, () => this.apply(action));
    }
  }

  /** Containers first seen now get their clocks started, so nothing is reaped on sight. */
  private startClocks(containers: ManagedContainer[], now: number): void {
    const present = new Set(containers.map((c) => c.id));
    for (const id of this.stoppedSince.keys()) if (!present.has(id)) this.stoppedSince.delete(id);
    for (const c of containers) {
      if (c.state === 'running' || c.state === 'paused') {
        this.stoppedSince.delete(c.id);
        if (!this.activity.isTracked(c.id)) this.activity.track(c.id, c.functionName, c.url, now);
      } else if (!this.stoppedSince.has(c.id)) {
        this.stoppedSince.set(c.id, now);
      }
    }
  }

  /** Re-checked under the function's lock: an ensure or heartbeat may have won the race. */
  private async apply({ action, container }: ReapAction): Promise<void> {
    const now = this.clock.now();
    if (action === 'pause') {
      const last = this.activity.lastActive(container.id);
      if (last === undefined || now - last < this.settings.coolAfterMs) return;
      const current = await this.runtime.inspect(container.id);
      if (current?.state !== 'running') return;
      await this.pools.pause(container);
      this.metrics.recordReaped('paused');
      this.logger.log(`paused idle ${container.name}`);
      return;
    }
    if (action === 'stop') {
      const last = this.activity.lastActive(container.id);
      if (last === undefined || now - last < this.settings.idleTimeoutMs) return;
      await this.pools.park(container);
      this.stoppedSince.set(container.id, now);
      this.metrics.recordReaped('stopped');
      this.logger.log(`stopped idle ${container.name}`);
      return;
    }
    const current = await this.runtime.inspect(container.id);
    if (current?.state === 'running' || current?.state === 'paused') return;
    await this.pools.discard(container);
    this.stoppedSince.delete(container.id);
    this.metrics.recordReaped('removed');
    this.logger.log(`removed ${container.name} (${container.state})`);
  }
}
