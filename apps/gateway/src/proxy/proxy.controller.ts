import { All, Controller, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import { CorsPreflightFilter, CorsPreflightGuard } from '../cors/cors-preflight.guard';
import { RouteAuthorizerGuard } from '../authorizers/route-authorizer.guard';
import { UsagePlanGuard } from '../authorizers/usage-plan.guard';
import { FunctionInvoker, type InvocationResult } from '../invocation/function-invoker';
import { ApiGatewayEventInterceptor } from './api-gateway-event.interceptor';
import { Routed, type RoutedInvocation } from './routed-invocation';

/**
 * Every path not served by the Gateway itself, through the pipeline its decorators show:
 * `CorsPreflightGuard` (CORS preflights answered as API Gateway does, before any auth) →
 * `RouteAuthorizerGuard` (auth first: the template's authorizer, else the Gateway's own login, so
 * an unknown path without a token is 401) → `UsagePlanGuard` (API keys, usage plans, throttles) →
 * `ApiGatewayEventInterceptor` (route + request → v1/v2 event; Lambda result → HTTP reply) →
 * the handler, which hands the event to the cached proxy (`FunctionInvoker`).
 */
@Controller()
@UseGuards(CorsPreflightGuard, RouteAuthorizerGuard, UsagePlanGuard)
@UseFilters(CorsPreflightFilter)
@UseInterceptors(ApiGatewayEventInterceptor)
export class ProxyController {
  constructor(private readonly invoker: FunctionInvoker) {}

  @All('*')
  proxy(@Routed() { route, event, requestId }: RoutedInvocation): Promise<InvocationResult> {
    return this.invoker.invoke(route.function, event, requestId);
  }
}
