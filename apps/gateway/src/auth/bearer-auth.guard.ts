import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import type { AuthenticatedRequest } from '../http/fastify-request';
import { bearerToken, JwtTokens } from './jwt-tokens';

/**
 * Routed requests need `Authorization: Bearer <ID token>`; its claims go into the event. Usually
 * `EarlyAuthHook` verified it before the body was read; then the claims are already there.
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(private readonly tokens: JwtTokens) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    // Verified before the body was read (EarlyAuthHook).
    if (request.callerClaims) return true;
    const token = bearerToken(request.headers.authorization);
    const claims = token ? await this.tokens.verify(token) : undefined;
    if (!claims) throw new UnauthorizedException();
    request.callerClaims = claims;
    return true;
  }
}
