import {
  applyDecorators,
  CanActivate,
  ExecutionContext,
  Injectable,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import { ApiSecurity, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
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

/** The OpenAPI security scheme of the token (apps/manager/src/api/openapi.ts). */
export const MANAGER_TOKEN_SCHEME = 'manager-token';

/**
 * A controller of the token-protected Manager API: every route behind `ManagerTokenGuard`, and in
 * the OpenAPI document under `tag` with the token scheme and its 401.
 */
export function TokenProtectedApi(tag: string): ClassDecorator {
  return applyDecorators(
    ApiTags(tag),
    ApiSecurity(MANAGER_TOKEN_SCHEME),
    ApiUnauthorizedResponse({ description: `Missing or wrong ${MANAGER_TOKEN_HEADER}` }),
    UseGuards(ManagerTokenGuard),
  );
}
