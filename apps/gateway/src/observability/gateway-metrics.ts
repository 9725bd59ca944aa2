import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of one Gateway process (its own registry, so tests can run several). */
@Injectable()
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly routeLabels = new WeakMap<object, string>();

  private readonly requests = new Counter({
    name: 'gateway_requests_total',
    help: 'HTTP requests by route, method and status',
    labelNames: ['route', 'method', 'status'],
    registers: [this.registry],
  });

  private readonly latency = new Histogram({
    name: 'gateway_request_duration_seconds',
    help: 'Time from request to response by route',
    labelNames: ['route'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  private readonly invocations = new Counter({
    name: 'gateway_invocations_total',
    help: 'Function invocations by function and start (cold: waited for a container start)',
    labelNames: ['function', 'start'],
    registers: [this.registry],
  });

  private readonly cacheLookups = new Counter({
    name: 'gateway_container_cache_total',
    help: 'Container address cache lookups (hit: no Manager call)',
    labelNames: ['result'],
    registers: [this.registry],
  });

  /** Names the route a request matched (`GET /users/{id}`) for its request metrics. */
  labelRoute(rawRequest: object, routeKey: string): void {
    this.routeLabels.set(rawRequest, routeKey);
  }

  observeRequest(
    rawRequest: object,
    fallbackRoute: string,
    method: string,
    status: number,
    seconds: number,
  ) {
    const route = this.routeLabels.get(rawRequest) ?? fallbackRoute;
    this.requests.inc({ route, method, status: String(status) });
    this.latency.observe({ route }, seconds);
  }

  observeInvocation(functionName: string, cacheHit: boolean, coldStart: boolean): void {
    this.invocations.inc({ function: functionName, start: coldStart ? 'cold' : 'warm' });
    this.cacheLookups.inc({ result: cacheHit ? 'hit' : 'miss' });
  }
}
