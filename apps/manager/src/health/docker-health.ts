import { Controller, Get, Inject, Injectable } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { CONTAINER_RUNTIME, ContainerRuntime } from '../runtime/container-runtime';

const PING_TIMEOUT_MS = 3000;

/** UP while the Docker engine answers a ping; DOWN (with the reason) while it does not. */
@Injectable()
export class DockerHealthIndicator {
  constructor(
    @Inject(CONTAINER_RUNTIME) private readonly runtime: ContainerRuntime,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check() {
    const indicator = this.indicators.check('docker');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error('ping timed out')), PING_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.runtime.ping(), timeout]);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    } finally {
      clearTimeout(timer);
    }
  }
}

/** `GET /health/ready`: 200 while Docker answers, 503 while it does not. */
@Controller('health')
export class ReadinessController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly docker: DockerHealthIndicator,
  ) {}

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([() => this.docker.check()]);
  }
}
