import type { ApiGatewayAuthorizerContext } from '@app/contracts';
import { stringClaims } from '../events/event-constants';

/** Who a route's protection let through, and what reaches `requestContext.authorizer`. */
export type CallerAuthorization =
  | { kind: 'lambda'; principalId?: string; context: Record<string, unknown>; latencyMs: number }
  /** An HTTP API JWT authorizer. */
  | { kind: 'jwt'; claims: Record<string, unknown>; scopes: string[] | null }
  /** A REST API Cognito user pool authorizer. */
  | { kind: 'cognito'; claims: Record<string, unknown> };

/** JWT claims as API Gateway passes them: strings; arrays as `[a b]` (HTTP API's rendering). */
export function claimStrings(claims: Record<string, unknown>): Record<string, string> {
  const flat = Object.entries(claims).map(([name, value]) => [
    name,
    Array.isArray(value)
      ? `[${value.map(String).join(' ')}]`
      : typeof value === 'object' && value !== null
        ? JSON.stringify(value)
        : String(value),
  ]);
  return Object.fromEntries(flat) as Record<string, string>;
}

/**
 * `requestContext.authorizer` of a 1.0 event: a Lambda authorizer's context keys next to
 * `principalId` and `integrationLatency` (values as strings, as REST APIs pass them), or the
 * token's `claims` (and, HTTP API JWT, its `scopes`).
 */
export function v1AuthorizerContext(
  authorization: CallerAuthorization,
): ApiGatewayAuthorizerContext {
  if (authorization.kind === 'lambda') {
    return {
      ...stringClaims(authorization.context),
      ...(authorization.principalId !== undefined
        ? { principalId: authorization.principalId }
        : {}),
      integrationLatency: authorization.latencyMs,
    };
  }
  const claims = claimStrings(authorization.claims);
  return authorization.kind === 'jwt' ? { claims, scopes: authorization.scopes } : { claims };
}

/** `requestContext.authorizer` of a 2.0 event: `{lambda: context}` or `{jwt: {claims, scopes}}`. */
export function v2AuthorizerContext(authorization: CallerAuthorization): Record<string, unknown> {
  if (authorization.kind === 'lambda') {
    return {
      lambda: authorization.context,
      ...(authorization.principalId !== undefined
        ? { principalId: authorization.principalId }
        : {}),
    };
  }
  const scopes = authorization.kind === 'jwt' ? authorization.scopes : null;
  return { jwt: { claims: claimStrings(authorization.claims), scopes } };
}
