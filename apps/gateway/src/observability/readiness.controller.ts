import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { MANAGER_CLIENT, type ManagerClient } from '../invocation/ports';

/** `GET /health/ready`: the Gateway can serve, i.e. the Manager answers. */
@Controller('health')
export class ReadinessController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    @Inject(MANAGER_CLIENT) private readonly manager: ManagerClient,
  ) {}

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      async () => {
        const check = this.indicator.check('manager');
        return (await this.manager.ready()) ? check.up() : check.down({ reason: 'unreachable' });
      },
    ]);
  }
}
