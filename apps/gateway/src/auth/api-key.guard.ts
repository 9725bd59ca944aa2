import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { secretsEqual } from '@app/platform';
import { GatewayEnv } from '../config/gateway-env';

/** The caller presents the Gateway's API key in `x-api-key` (compared in constant time). */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly env: GatewayEnv) {}

  canActivate(context: ExecutionContext): boolean {
    const apiKey = context.switchToHttp().getRequest<FastifyRequest>().headers['x-api-key'];
    if (typeof apiKey === 'string' && secretsEqual(apiKey, this.env.X_API_KEY)) return true;
    throw new UnauthorizedException();
  }
}
