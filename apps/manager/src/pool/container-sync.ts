import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { FunctionRegistry } from '../config/function-registry';
import { CLOCK, Clock } from '@app/platform';
import { CONTAINER_RUNTIME, ContainerRuntime } from '../runtime/container-runtime';
import { ActivityTracker } from './activity-tracker';
import { FunctionPools } from './function-pools';
import { planSync, SyncPhase } from './sync-plan';

/** Adopt & Sync: at start (retried by the reaper until it succeeds) and after every config reload. */
@Injectable()
export class ContainerSync implements OnApplicationBootstrap {
  private readonly logger = new Logger(ContainerSync.name);
  private adopted = false;

  constructor(
    @Inject(CONTAINER_RUNTIME) private readonly runtime: ContainerRuntime,
    private readonly registry: FunctionRegistry,
    private readonly pools: FunctionPools,
    private readonly activity: ActivityTracker,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.registry.onChange(
      () =>
        void this.sync('reload')
          .then(() => this.provision())
          .catch((error) => this.warn(error)),
    );
    await this.adoptIfPending();
    await this.provision();
  }

  /**
   * Provisioned concurrency: every function with `provisionedConcurrency` gets that many live
   * containers (adopted ones count; paused ones are unpaused). At start, after a reload and on every
   * reaper pass, so a provisioned container that died is replaced. Failures are logged, not thrown.
   */
  async provision(): Promise<void> {
    if (!this.adopted) return;
    for (const name of this.registry.names()) {
      const fn = this.registry.find(name);
      if (!fn || fn.provisionedConcurrency <= 0) continue;
      await this.pools.provision(fn.name).catch((error: unknown) => {
        this.logger.warn(`provisioning ${fn.name} failed: ${(error as Error).message}`);
      });
    }
  }

  get pending(): boolean {
    return !this.adopted;
  }

  /** Adopts once; a failure (engine down) leaves it pending for the next reaper pass. */
  async adoptIfPending(): Promise<void> {
    if (this.adopted) return;
    try {
      await this.sync('start');
      this.adopted = true;
    } catch (error) {
      this.warn(error);
    }
  }

  async sync(phase: SyncPhase): Promise<void> {
    const decisions = planSync(
      await this.runtime.list(),
      (name) => this.registry.find(name)?.configHash,
      phase,
    );
    const now = this.clock.now();
    for (const { container, action, reason } of decisions) {
      if (action === 'adopt' && !this.activity.isTracked(container.id)) {
        this.activity.track(container.id, container.functionName, container.url, now);
        this.logger.log(`adopted ${container.name} at ${container.url}`);
      } else if (action === 'remove') {
        await this.pools.withFunctionLock(container.functionName, () =>
          this.pools.discard(container),
        );
        this.logger.log(`removed ${container.name}: ${reason}`);
      }
    }
  }

  private warn(error: unknown): void {
    this.logger.warn(`Adopt & Sync did not complete: ${(error as Error).message}`);
  }
}
