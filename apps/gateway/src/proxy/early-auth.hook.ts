import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RouteAuthorizerGuard } from '../authorizers/route-authorizer.guard';
import type { ProtectedRequest } from '../authorizers/route-protection';
import { UsagePlanGuard } from '../authorizers/usage-plan.guard';
import { ApiGatewayExceptionFilter } from '../http/api-gateway-exception.filter';

/** Fastify's name for the proxy's catch-all route (`@All('*')`). */
const PROXY_ROUTES = new Set(['*', '/*']);

/** How many times a header occurs in node's raw header list (names case-insensitive). */
export function headerCount(rawHeaders: string[], name: string): number {
  let count = 0;
  for (let index = 0; index < rawHeaders.length; index += 2) {
    if (rawHeaders[index].toLowerCase() === name) count += 1;
  }
  return count;
}

/**
 * Authentication before the body is read. Fastify parses a body before Nest's guards run, so 40
 * unauthenticated 10 MB uploads would all be buffered. This `preParsing` hook runs the routed
 * API's protection guards — `RouteAuthorizerGuard` (the template's Lambda / JWT / Cognito
 * authorizer, else the Gateway's own login) and `UsagePlanGuard` (API key, usage plan, stage
 * throttle) — on the headers alone, as API Gateway does (no authorizer ever sees the body). A
 * refusal is answered as the exception filter answers it, with the body unread and the connection
 * closed; a pass is marked so the guards do not run (or meter) twice. CORS preflights are left to
 * `CorsPreflightGuard`. Every request with more than one `Authorization` header is 400: the first
 * would be verified while a forged second one reached the function in `event.headers`.
 */
@Injectable()
export class EarlyAuthHook implements OnModuleInit {
  private readonly refusals = new ApiGatewayExceptionFilter();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly routeAuthorizer: RouteAuthorizerGuard,
    private readonly usagePlans: UsagePlanGuard,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onRequest', async (request, reply) => {
      if (headerCount(request.raw.rawHeaders, 'authorization') > 1) {
        // The body is never read: close the connection rather than drain it.
        return reply.status(400).header('connection', 'close').send({ message: 'Bad Request' });
      }
    });
    fastify.addHook('preParsing', async (request, reply, payload) => {
      if (!isRoutedCall(request)) return payload;
      const context = new ExecutionContextHost([request, reply]);
      try {
        await this.routeAuthorizer.canActivate(context);
        this.usagePlans.canActivate(context);
      } catch (refusal) {
        reply.header('connection', 'close');
        this.refusals.catch(refusal, context);
        return reply;
      }
      const protection = (request as ProtectedRequest).routeProtection;
      if (protection) protection.settledBeforeBody = true;
      return payload;
    });
  }
}

function isRoutedCall(request: FastifyRequest): boolean {
  // CORS preflights carry no credentials and no body: CorsPreflightGuard answers them.
  return PROXY_ROUTES.has(request.routeOptions.url ?? '') && request.method !== 'OPTIONS';
}
