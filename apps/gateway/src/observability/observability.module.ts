import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { LivenessController } from '@app/platform';
import { InvocationModule } from '../invocation/invocation.module';
import { GatewayMetrics } from './gateway-metrics';
import { MetricsController, RequestMetricsHook } from './metrics.controller';
import { ReadinessController } from './readiness.controller';

/** `/health/live`, `/health/ready`, `/metrics` and the per-request metrics hook. Façade: `GatewayMetrics`. */
@Module({
  imports: [TerminusModule, InvocationModule],
  controllers: [LivenessController, ReadinessController, MetricsController],
  providers: [GatewayMetrics, RequestMetricsHook],
  exports: [GatewayMetrics],
})
export class ObservabilityModule {}
