import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from '../http/fastify-request';
import type { RouteMatch } from '../routing/route-table';

/** What `ApiGatewayEventInterceptor` hands the proxy handler: the route and its mapped event. */
export interface RoutedInvocation {
  route: RouteMatch;
  /** The API Gateway proxy event (v1 or v2, as the route says), serialised. */
  event: Buffer;
  requestId: string;
}

/** A request the event interceptor has routed and mapped. */
export interface RoutedRequest extends AuthenticatedRequest {
  routedInvocation?: RoutedInvocation;
}

/** The handler parameter carrying the interceptor's `RoutedInvocation`. */
export const Routed = createParamDecorator(
  (_data: unknown, context: ExecutionContext): RoutedInvocation => {
    const invocation = context.switchToHttp().getRequest<RoutedRequest>().routedInvocation;
    if (!invocation) throw new Error('@Routed() needs ApiGatewayEventInterceptor on the handler');
    return invocation;
  },
);
