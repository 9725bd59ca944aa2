import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, MemoryHealthIndicator } from '@nestjs/terminus';

/** Heap ceiling for liveness: past it the process is considered wedged and should be restarted. */
const HEAP_LIMIT_BYTES = 1536 * 1024 * 1024;

/** `GET /health` and `/health/live`: the process serves HTTP and its heap is sane. */
@Controller('health')
export class LivenessController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly memory: MemoryHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  root() {
    return this.live();
  }

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([() => this.memory.checkHeap('heap', HEAP_LIMIT_BYTES)]);
  }
}
