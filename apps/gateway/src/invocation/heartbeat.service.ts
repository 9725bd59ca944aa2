import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { CLOCK, type Clock } from '@app/platform';
import { ActivityLog } from './activity-log';
import { ContainerPool } from './container-pool';
import { MANAGER_CLIENT, type ManagerClient } from './ports';

export const HEARTBEAT_INTERVAL = Symbol('HeartbeatIntervalMs');

/** Sends the warm-path activity to the Manager in batches, and once more on shutdown. */
@Injectable()
export class HeartbeatService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(HeartbeatService.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly activity: ActivityLog,
    private readonly pool: ContainerPool,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MANAGER_CLIENT) private readonly manager: ManagerClient,
    @Inject(HEARTBEAT_INTERVAL) private readonly intervalMs: number,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), this.intervalMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  /** Containers still in an invocation count as active now: none is paused or stopped under it. */
  async flush(): Promise<void> {
    const now = this.clock.now();
    for (const { functionName, url } of this.pool.busyContainers()) {
      this.activity.touch(functionName, url, now);
    }
    const reports = this.activity.drain();
    if (reports.length === 0) return;
    try {
      await this.manager.heartbeat({ reports });
    } catch (error) {
      this.logger.warn(
        `heartbeat of ${reports.length} reports failed: ${(error as Error).message}`,
      );
    }
  }
}
