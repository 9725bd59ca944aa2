import type { ApiGatewayV1Event, ApiGatewayV2Event, ApiKeySource, ApiKind } from '@app/contracts';
import type { AuthenticatedRequest } from '../http/fastify-request';
import type { RouteMatch } from '../routing/route-table';
import {
  v1AuthorizerContext,
  v2AuthorizerContext,
  type CallerAuthorization,
} from './authorizer-context';
import type { RouteSecurity } from '../routing/route-security';

/** What the route guards found out about a request, for the event interceptor. */
export interface RouteProtection {
  route?: RouteMatch;
  authorization?: CallerAuthorization;
  /** A Lambda authorizer's `usageIdentifierKey`. */
  usageIdentifierKey?: string;
  /** The API key a usage plan accepted. */
  apiKey?: { id: string; value: string };
  /** `EarlyAuthHook` ran the route guards on the headers, before the body was read. */
  settledBeforeBody?: boolean;
}

export interface ProtectedRequest extends AuthenticatedRequest {
  routeProtection?: RouteProtection;
}

/** The template protects the route itself (then the Gateway's own login does not apply). */
export function templateProtects(security: RouteSecurity | undefined): boolean {
  return Boolean(
    security?.authorizer || security?.unsupportedAuthorizer || security?.apiKeyRequired,
  );
}

/**
 * REST or HTTP API, for the wording of refusals: the authorizer's API; else API keys exist only on
 * REST APIs; else the payload format tells (HTTP APIs default to 2.0).
 */
export function apiKindOf(route: RouteMatch): ApiKind {
  const security = route.security;
  if (security?.authorizer) return security.authorizer.definition.api;
  if (security?.apiKeyRequired) return 'rest';
  return route.payloadFormat === '2.0' ? 'http' : 'rest';
}

/**
 * The API key a call presents, from where the API reads it (`ApiKeySourceType`): `HEADER` the
 * `x-api-key` header only, `AUTHORIZER` the Lambda authorizer's `usageIdentifierKey` only — the
 * other one is ignored, as API Gateway does.
 */
export function presentedApiKey(
  source: ApiKeySource,
  header: string | string[] | undefined,
  usageIdentifierKey: string | undefined,
): string | undefined {
  if (source === 'AUTHORIZER') return usageIdentifierKey;
  return typeof header === 'string' ? header : undefined;
}

/** Puts what the guards established into the proxy event, where API Gateway puts it. */
export function applyProtection(
  event: ApiGatewayV1Event | ApiGatewayV2Event,
  protection: RouteProtection | undefined,
): void {
  const authorization = protection?.authorization;
  if ('version' in event) {
    if (authorization) {
      event.requestContext.authorizer = v2AuthorizerContext(authorization);
    }
    return;
  }
  if (authorization) event.requestContext.authorizer = v1AuthorizerContext(authorization);
  if (protection?.apiKey) {
    event.requestContext.identity.apiKey = protection.apiKey.value;
    (event.requestContext.identity as unknown as Record<string, unknown>).apiKeyId =
      protection.apiKey.id;
  }
}
