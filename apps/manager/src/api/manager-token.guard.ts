import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { MANAGER_TOKEN_HEADER } from '@app/contracts';
import { secretsEqual } from '@app/platform';
import { ManagerEnv } from '../config/manager-env';

/** Every Manager API call carries the shared token, compared in constant time. */
@Injectable()
export class ManagerTokenGuard implements CanActivate {
  constructor(private readonly env: ManagerEnv) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const presented = request.headers[MANAGER_TOKEN_HEADER];
    if (
      !secretsEqual(Array.isArray(presented) ? presented[0] : presented, this.env.MANAGER_TOKEN)
    ) {
      throw new UnauthorizedException({ message: 'Unauthorized' });
    }
    return true;
  }
}
