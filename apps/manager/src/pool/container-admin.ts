import { Inject, Injectable } from '@nestjs/common';
import type {
  HeartbeatRequestDto,
  HeartbeatResponseDto,
  ManagedContainerDto,
  StopResponseDto,
} from '@app/contracts';
import { CLOCK, Clock } from '@app/platform';
import {
  CONTAINER_RUNTIME,
  ContainerRuntime,
  ManagedContainer,
} from '../runtime/container-runtime';
import { ActivityTracker } from './activity-tracker';
import { FunctionPools } from './function-pools';

/** List, stop and heartbeat: the Manager API's operations besides ensure. */
@Injectable()
export class ContainerAdmin {
  constructor(
    @Inject(CONTAINER_RUNTIME) private readonly runtime: ContainerRuntime,
    private readonly pools: FunctionPools,
    private readonly activity: ActivityTracker,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(): Promise<ManagedContainerDto[]> {
    const containers = await this.runtime.list();
    return containers.map((c) => ({
      id: c.id,
      name: c.name,
      function: c.functionName,
      state: c.state === 'broken' ? 'unknown' : c.state,
      url: c.url,
      configHash: c.configHash,
      createdAt: c.createdAt,
      lastActiveAt: this.activity.lastActiveAt(c.id),
    }));
  }

  /** Stops and removes one container by name; an unknown name stops nothing (idempotent). */
  async stopContainer(name: string): Promise<StopResponseDto> {
    const containers = await this.runtime.list();
    return this.stopAll(containers.filter((c) => c.name === name));
  }

  async stopFunction(functionName: string): Promise<StopResponseDto> {
    return this.stopAll(await this.runtime.list(functionName));
  }

  private async stopAll(containers: ManagedContainer[]): Promise<StopResponseDto> {
    for (const container of containers) {
      await this.pools.withFunctionLock(container.functionName, () =>
        this.pools.discard(container),
      );
    }
    return { stopped: containers.map((c) => c.name) };
  }

  /** Applies activity reports; times in the future count as now. */
  heartbeat({ reports }: HeartbeatRequestDto): HeartbeatResponseDto {
    const now = this.clock.now();
    let accepted = 0;
    for (const report of reports) {
      const at = Math.min(Date.parse(report.lastActiveAt), now);
      if (this.activity.report(report.function, report.url, at)) accepted++;
    }
    return { accepted };
  }
}
