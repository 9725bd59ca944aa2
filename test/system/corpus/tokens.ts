import { createHmac } from 'node:crypto';
import { SECRETS } from './hostile-case';

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Claims of a token the Gateway would issue, valid for JWT_EXPIRES_DELTA's default (3000 s). */
export const goodClaims = () => ({
  iss: 'onpre-lambda-gateway',
  aud: 'onpre-lambda',
  sub: SECRETS.AUTH_USER,
  'cognito:username': SECRETS.AUTH_USER,
  token_use: 'id',
  iat: nowSeconds(),
  exp: nowSeconds() + 3000,
});

const HMAC: Record<string, string> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

/** A JWT with any header and claims, HMAC-signed (or unsigned for `alg: none`). */
export function forgeToken(
  claims: Record<string, unknown>,
  { alg = 'HS256', key = SECRETS.JWT_SECRET_KEY }: { alg?: string; key?: string } = {},
): string {
  const signingInput = `${base64url({ alg, typ: 'JWT' })}.${base64url(claims)}`;
  const hash = HMAC[alg];
  const signature = hash ? createHmac(hash, key).update(signingInput).digest('base64url') : '';
  return `${signingInput}.${signature}`;
}

/** A genuine token with its payload swapped for other claims (signature left as it was). */
export function tamperedToken(idToken: string, claims: Record<string, unknown>): string {
  const [header, , signature] = idToken.split('.');
  return `${header}.${base64url(claims)}.${signature}`;
}
