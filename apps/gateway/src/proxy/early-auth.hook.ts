import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { bearerToken, JwtTokens } from '../auth/jwt-tokens';
import { templateProtects } from '../authorizers/route-protection';
import { GatewayEnv } from '../config/gateway-env';
import { splitUrl } from '../events/gateway-request';
import type { AuthenticatedRequest } from '../http/fastify-request';
import { RouteTable } from '../routing/route-table';

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

function refuse(reply: FastifyReply, status: number, message: string): FastifyReply {
  // The body is never read: close the connection rather than drain it.
  return reply.status(status).header('connection', 'close').send({ message });
}

/**
 * Authentication before the body is read. Fastify parses a body before Nest's guards run, so 40
 * unauthenticated 10 MB uploads would all be buffered. This `preParsing` hook checks the Gateway's
 * own login (the bearer ID token) for routed requests the template leaves unprotected, as
 * `RouteAuthorizerGuard` would, and answers 401 with the body unread; the verified claims are kept
 * for `BearerAuthGuard`. Routes with a template authorizer or API key are decided by their guards.
 * Every request with more than one `Authorization` header is 400: the first would be verified
 * while a forged second one reached the function in `event.headers`.
 */
@Injectable()
export class EarlyAuthHook implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly tokens: JwtTokens,
    private readonly routes: RouteTable,
    private readonly env: GatewayEnv,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onRequest', async (request, reply) => {
      if (headerCount(request.raw.rawHeaders, 'authorization') > 1) {
        return refuse(reply, 400, 'Bad Request');
      }
    });
    fastify.addHook('preParsing', async (request, reply, payload) => {
      if (!this.needsBuiltinLogin(request)) return payload;
      const token = bearerToken(request.headers.authorization);
      const claims = token ? await this.tokens.verify(token) : undefined;
      if (!claims) return refuse(reply, 401, 'Unauthorized');
      (request as AuthenticatedRequest).callerClaims = claims;
      return payload;
    });
  }

  private needsBuiltinLogin(request: FastifyRequest): boolean {
    if (!this.env.BUILTIN_LOGIN || !PROXY_ROUTES.has(request.routeOptions.url ?? '')) return false;
    // CORS preflights carry no credentials and no body: CorsPreflightGuard answers them.
    if (request.method === 'OPTIONS') return false;
    const { rawPath } = splitUrl(request.raw.url ?? '/');
    const route = this.routes.match(request.method.toUpperCase(), rawPath);
    return !route || !templateProtects(route.security);
  }
}
