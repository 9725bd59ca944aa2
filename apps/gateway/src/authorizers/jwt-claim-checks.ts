import { errors } from 'jose';

/** Algorithms a JWT authorizer accepts (pinned: `none` and HMAC never are). */
export const JWT_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
];

/** The token in an identity value: `Bearer <jwt>` or the bare token (Cognito's REST form). */
export function tokenOf(identity: string): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(identity.trim());
  return match ? match[1] : identity.trim();
}

/**
 * HTTP API's audience rule: `aud` must name one of the audiences; only when the token has no `aud`
 * is `client_id` compared instead (Cognito access tokens).
 */
export function audienceMatches(
  claims: Record<string, unknown>,
  audience: readonly string[],
): boolean {
  const { aud, client_id: clientId } = claims;
  if (aud !== undefined) {
    const values = Array.isArray(aud) ? aud : [aud];
    return values.some((value) => typeof value === 'string' && audience.includes(value));
  }
  return typeof clientId === 'string' && audience.includes(clientId);
}

/** The token's OAuth scopes: the space-separated `scope` claim, else an `scp` list. */
export function tokenScopes(claims: Record<string, unknown>): string[] {
  if (typeof claims.scope === 'string') return claims.scope.split(' ').filter(Boolean);
  if (Array.isArray(claims.scp))
    return claims.scp.filter((item): item is string => typeof item === 'string');
  return [];
}

/** A route with scopes needs a token holding at least one of them (as API Gateway checks). */
export function scopesSatisfied(
  granted: readonly string[],
  required: readonly string[] | undefined,
): boolean {
  return !required?.length || required.some((scope) => granted.includes(scope));
}

/**
 * Why jose refused a token, in the words HTTP APIs put in `www-authenticate` (the header is where
 * API Gateway says it; the body stays `{"message":"Unauthorized"}`). Undefined: not the token's
 * fault (the issuer's keys could not be fetched) — a 500.
 */
export function rejectionOf(error: unknown): string | undefined {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return 'the token does not have a valid issuer';
    if (error.claim === 'nbf') return 'the token is not valid yet';
    return `the token has an invalid ${error.claim} claim`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed)
    return 'the token uses a signing method that is not allowed';
  if (error instanceof errors.JWKSNoMatchingKey) return 'no key of the issuer matches the token';
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return 'the token signature is invalid';
  if (
    error instanceof errors.JWTInvalid ||
    error instanceof errors.JWSInvalid ||
    error instanceof errors.JOSENotSupported
  ) {
    return 'the token is malformed';
  }
  return undefined;
}
