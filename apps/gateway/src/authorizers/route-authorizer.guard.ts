import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@app/platform';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import { GatewayEnv } from '../config/gateway-env';
import { gatewayRequestOf } from '../http/fastify-request';
import { RouteTable } from '../routing/route-table';
import { GatewayRefusal } from '../http/gateway-refusal';
import { JwtAuthorizers } from './jwt-authorizers';
import { LambdaAuthorizers } from './lambda-authorizers';
import { templateProtects, type ProtectedRequest } from './route-protection';

/**
 * First guard of the routed API: matches the route and runs the protection its template declares
 * — a Lambda authorizer or a JWT / Cognito authorizer. A route the template leaves unprotected
 * (and a path no route matches) gets the Gateway's own login instead, unless BUILTIN_LOGIN=false.
 */
@Injectable()
export class RouteAuthorizerGuard implements CanActivate {
  constructor(
    private readonly routes: RouteTable,
    private readonly builtinLogin: BearerAuthGuard,
    private readonly env: GatewayEnv,
    private readonly lambdaAuthorizers: LambdaAuthorizers,
    private readonly jwtAuthorizers: JwtAuthorizers,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ProtectedRequest>();
    if (request.routeProtection?.settledBeforeBody) return true;
    const gatewayRequest = gatewayRequestOf(request, this.clock.now());
    const route = this.routes.match(gatewayRequest.method, gatewayRequest.rawPath);
    request.routeProtection = route ? { route } : {};
    const security = route?.security;
    if (!route || !templateProtects(security)) {
      return this.env.BUILTIN_LOGIN ? this.builtinLogin.canActivate(context) : true;
    }
    if (security?.unsupportedAuthorizer) {
      // What the generator said: such routes keep the Gateway's own login; with it off, they
      // fail closed (never open).
      if (this.env.BUILTIN_LOGIN) return this.builtinLogin.canActivate(context);
      const { name, reason } = security.unsupportedAuthorizer;
      throw new GatewayRefusal('authorizerFailure', 'rest', `${name} cannot run here: ${reason}`);
    }
    const authorizer = security?.authorizer;
    if (!authorizer) return true;
    if (authorizer.definition.type === 'lambda') {
      const result = await this.lambdaAuthorizers.authorize(
        authorizer.name,
        authorizer.definition,
        gatewayRequest,
        route,
      );
      request.routeProtection.authorization = result.authorization;
      if (result.usageIdentifierKey) {
        request.routeProtection.usageIdentifierKey = result.usageIdentifierKey;
      }
      return true;
    }
    request.routeProtection.authorization = await this.jwtAuthorizers.authorize(
      authorizer.name,
      authorizer.definition,
      gatewayRequest,
      security.scopes,
    );
    return true;
  }
}
