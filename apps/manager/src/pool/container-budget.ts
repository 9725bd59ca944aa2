import { Inject, Injectable } from '@nestjs/common';
import { ContainerLimitError } from '../errors';
import { CONTAINER_RUNTIME, ContainerRuntime } from '../runtime/container-runtime';
import { POOL_SETTINGS, PoolSettings } from './pool-settings';

/** How many of `wanted` starts fit under `limit` with `running` containers and `starting` on the way. */
export function startsAllowed(
  wanted: number,
  limit: number,
  running: number,
  starting: number,
): number {
  return Math.max(0, Math.min(wanted, limit - running - starting));
}

/** Starts a pool was granted; give them back with `settle` once they finished (either way). */
export interface StartGrant {
  count: number;
  settle(): void;
}

/**
 * The cap on this Manager's running (or paused) function containers, across all functions
 * (`MAX_FUNCTION_CONTAINERS`). Running containers are counted on the engine each time; starts
 * granted but not finished yet count too, so parallel ensures of different functions cannot pass
 * the cap together.
 */
@Injectable()
export class ContainerBudget {
  private starting = 0;

  constructor(
    @Inject(CONTAINER_RUNTIME) private readonly runtime: ContainerRuntime,
    @Inject(POOL_SETTINGS) private readonly settings: PoolSettings,
  ) {}

  /**
   * Grants up to `wanted` starts. None granted to a pool with no container (nothing to serve
   * from) is an error the caller answers: `ContainerLimitError` (429).
   */
  async claim(wanted: number, poolSize: number): Promise<StartGrant> {
    if (wanted === 0) return { count: 0, settle: () => undefined };
    const limit = this.settings.maxContainers;
    // Paused containers (the cool tier) keep their memory: they count.
    const running = (await this.runtime.list()).filter(
      (c) => c.state === 'running' || c.state === 'paused',
    ).length;
    const count = startsAllowed(wanted, limit, running, this.starting);
    if (count === 0 && poolSize === 0) throw new ContainerLimitError(limit);
    this.starting += count;
    let settled = false;
    return {
      count,
      settle: () => {
        if (settled) return;
        settled = true;
        this.starting -= count;
      },
    };
  }
}
