import {
  CallHandler,
  ExecutionContext,
  Inject,
  Injectable,
  Logger,
  NestInterceptor,
  NotFoundException,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { map, of, timeout, type Observable } from 'rxjs';
import { CLOCK, type Clock } from '@app/platform';
import { applyProtection, type ProtectedRequest } from '../authorizers/route-protection';
import { withHttpApiCors } from '../cors/cors-rules';
import { restDecodesBase64 } from '../events/binary-media';
import { toV1Event } from '../events/v1-event';
import { toV2Event } from '../events/v2-event';
import { gatewayRequestOf, writeHttpResponse } from '../http/fastify-request';
import type { InvocationResult } from '../invocation/function-invoker';
import { GatewayMetrics } from '../observability/gateway-metrics';
import { RouteTable } from '../routing/route-table';
import { integrationTimeoutReply, routeReply, type RouteReply } from './route-response';
import type { RoutedInvocation, RoutedRequest } from './routed-invocation';

/** Metrics label of requests no route matched (never the raw path: label values stay bounded). */
export const UNROUTED = 'unrouted';

/**
 * The API Gateway stage of the pipeline. Before the handler: match the route (404 when none) and
 * turn the request into the route's v1 or v2 proxy event. After it: turn the Lambda result into
 * the HTTP reply (status, multi-value headers, cookies, binary body), or the API kind's answer for
 * failed and malformed results; past the route's integration timeout, its timeout answer (the
 * invocation itself runs on, as on AWS).
 */
@Injectable()
export class ApiGatewayEventInterceptor implements NestInterceptor<
  InvocationResult,
  Buffer | undefined
> {
  private readonly logger = new Logger(ApiGatewayEventInterceptor.name);

  constructor(
    private readonly routes: RouteTable,
    private readonly metrics: GatewayMetrics,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  intercept(
    context: ExecutionContext,
    next: CallHandler<InvocationResult>,
  ): Observable<Buffer | undefined> {
    const http = context.switchToHttp();
    const request = http.getRequest<RoutedRequest>();
    const invocation = this.toInvocation(request);
    request.routedInvocation = invocation;
    const reply = http.getResponse<FastifyReply>();
    const { route } = invocation;
    return next.handle().pipe(
      map((result) => this.toReply(invocation, result, request.headers.accept)),
      timeout({
        first: route.timeoutMs,
        with: () => of(integrationTimeoutReply(route.api.kind, route.timeoutMs)),
      }),
      map((answer) => {
        if (answer.problem)
          this.logger.warn(`${route.routeKey} -> ${route.function}: ${answer.problem}`);
        const { cors, kind } = route.api;
        const origin = request.headers.origin;
        const response =
          cors && kind === 'http'
            ? withHttpApiCors(
                answer.response,
                cors,
                typeof origin === 'string' ? origin : undefined,
              )
            : answer.response;
        return writeHttpResponse(reply, response);
      }),
    );
  }

  private toInvocation(request: RoutedRequest & ProtectedRequest): RoutedInvocation {
    const gatewayRequest = gatewayRequestOf(request, this.clock.now());
    const protection = request.routeProtection;
    const route =
      protection?.route ?? this.routes.match(gatewayRequest.method, gatewayRequest.rawPath);
    this.metrics.labelRoute(request.raw, route?.routeKey ?? UNROUTED);
    if (!route) throw new NotFoundException();
    const claims = request.callerClaims ?? null;
    const event =
      route.payloadFormat === '2.0'
        ? toV2Event(gatewayRequest, route, claims)
        : toV1Event(gatewayRequest, route, claims);
    applyProtection(event, protection);
    return {
      route,
      event: Buffer.from(JSON.stringify(event), 'utf8'),
      requestId: gatewayRequest.requestId,
    };
  }

  private toReply(
    { route }: RoutedInvocation,
    result: InvocationResult,
    accept: string | undefined,
  ): RouteReply {
    this.metrics.observeInvocation(route.function, result.cacheHit, result.coldStart);
    this.logger.debug(
      `${route.routeKey} -> ${route.function} (payload ${route.payloadFormat}, ` +
        `${result.coldStart ? 'cold' : 'warm'}, cache ${result.cacheHit ? 'hit' : 'miss'})`,
    );
    const { kind, binaryMediaTypes, declared } = route.api;
    // A REST API decodes a base64 result only for a caller that accepts a binary media type.
    const decodeBase64 =
      kind === 'http' || !declared || restDecodesBase64(accept, binaryMediaTypes);
    return routeReply(result.outcome, route.payloadFormat, kind, decodeBase64);
  }
}
