import {
  All,
  Controller,
  Inject,
  Logger,
  NotFoundException,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import { toV1Event } from '../events/v1-event';
import { toV2Event } from '../events/v2-event';
import {
  type AuthenticatedRequest,
  gatewayRequestOf,
  sendHttpResponse,
} from '../http/fastify-request';
import { FunctionInvoker } from '../invocation/function-invoker';
import { CLOCK, type Clock } from '../invocation/ports';
import { GatewayMetrics } from '../observability/gateway-metrics';
import { RouteTable } from '../routing/route-table';
import { routeReply } from './route-response';

/** Metrics label of requests no route matched (never the raw path: label values stay bounded). */
export const UNROUTED = 'unrouted';

/**
 * Every path not served by the Gateway itself: authenticate, route, map to an API Gateway proxy
 * event, invoke, map the result back. Auth runs first, so an unknown path without a token is 401.
 */
@Controller()
@UseGuards(BearerAuthGuard)
export class ProxyController {
  private readonly logger = new Logger(ProxyController.name);

  constructor(
    private readonly routes: RouteTable,
    private readonly invoker: FunctionInvoker,
    private readonly metrics: GatewayMetrics,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @All('*')
  async proxy(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply): Promise<void> {
    const gatewayRequest = gatewayRequestOf(request, this.clock.now());
    const route = this.routes.match(gatewayRequest.method, gatewayRequest.rawPath);
    this.metrics.labelRoute(request.raw, route?.routeKey ?? UNROUTED);
    if (!route) throw new NotFoundException();
    const claims = request.callerClaims ?? null;
    const event =
      route.payloadFormat === '2.0'
        ? toV2Event(gatewayRequest, route, claims)
        : toV1Event(gatewayRequest, route, claims);
    const result = await this.invoker.invoke(
      route.function,
      Buffer.from(JSON.stringify(event), 'utf8'),
      gatewayRequest.requestId,
    );
    this.metrics.observeInvocation(route.function, result.cacheHit, result.coldStart);
    this.logger.debug(
      `${route.routeKey} -> ${route.function} (payload ${route.payloadFormat}, ` +
        `${result.coldStart ? 'cold' : 'warm'}, cache ${result.cacheHit ? 'hit' : 'miss'})`,
    );
    const { response, problem } = routeReply(result.outcome, route.payloadFormat);
    if (problem) this.logger.warn(`${route.routeKey} -> ${route.function}: ${problem}`);
    sendHttpResponse(reply, response);
  }
}
