import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { apiKindOf, presentedApiKey, type ProtectedRequest } from './route-protection';
import { UsagePlans } from './usage-plans';

/**
 * Second guard of the routed API (after `RouteAuthorizerGuard` matched the route): stage
 * throttling, and on routes with `ApiKeyRequired` the API key and its usage plan's throttle and
 * quota. The key is `x-api-key`, or with `ApiKeySourceType: AUTHORIZER` the Lambda authorizer's
 * `usageIdentifierKey`.
 */
@Injectable()
export class UsagePlanGuard implements CanActivate {
  constructor(private readonly usagePlans: UsagePlans) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<ProtectedRequest>();
    const protection = request.routeProtection;
    if (protection?.settledBeforeBody) return true;
    const route = protection?.route;
    if (!protection || !route?.security) return true;
    const presented = presentedApiKey(
      route.security.apiKeySource,
      request.headers['x-api-key'],
      protection.usageIdentifierKey,
    );
    const metered = this.usagePlans.meter(
      route.security,
      apiKindOf(route),
      route.routeKey,
      presented,
    );
    if (metered.apiKey) protection.apiKey = metered.apiKey;
    return true;
  }
}
