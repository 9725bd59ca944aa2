import { Module } from '@nestjs/common';
import { AuthorizersModule } from '../authorizers/authorizers.module';
import { InvocationModule } from '../invocation/invocation.module';
import { ObservabilityModule } from '../observability/observability.module';
import { CorsPreflightGuard } from '../cors/cors-preflight.guard';
import { RouteAuthorizerGuard } from '../authorizers/route-authorizer.guard';
import { UsagePlanGuard } from '../authorizers/usage-plan.guard';
import { ApiGatewayEventInterceptor } from './api-gateway-event.interceptor';
import { EarlyAuthHook } from './early-auth.hook';
import { ProxyController } from './proxy.controller';

/** The routed API: every path the Gateway does not serve itself. Exports nothing. */
@Module({
  imports: [AuthorizersModule, InvocationModule, ObservabilityModule],
  controllers: [ProxyController],
  providers: [
    ApiGatewayEventInterceptor,
    CorsPreflightGuard,
    RouteAuthorizerGuard,
    UsagePlanGuard,
    EarlyAuthHook,
  ],
})
export class ProxyModule {}
