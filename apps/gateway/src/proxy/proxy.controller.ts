import { All, Controller, UseGuards, UseInterceptors } from '@nestjs/common';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import { FunctionInvoker, type InvocationResult } from '../invocation/function-invoker';
import { ApiGatewayEventInterceptor } from './api-gateway-event.interceptor';
import { Routed, type RoutedInvocation } from './routed-invocation';

/**
 * Every path not served by the Gateway itself, through the pipeline its decorators show:
 * `BearerAuthGuard` (auth first, so an unknown path without a token is 401) →
 * `ApiGatewayEventInterceptor` (route + request → v1/v2 event; Lambda result → HTTP reply) →
 * the handler, which hands the event to the cached proxy (`FunctionInvoker`).
 */
@Controller()
@UseGuards(BearerAuthGuard)
@UseInterceptors(ApiGatewayEventInterceptor)
export class ProxyController {
  constructor(private readonly invoker: FunctionInvoker) {}

  @All('*')
  proxy(@Routed() { route, event, requestId }: RoutedInvocation): Promise<InvocationResult> {
    return this.invoker.invoke(route.function, event, requestId);
  }
}
