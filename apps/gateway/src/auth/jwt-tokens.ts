import { errors, jwtVerify, SignJWT } from 'jose';
import type { CallerClaims } from '../events/gateway-request';
import { createVerifiedTokenCache } from './verified-token-cache';

export interface IssuedToken {
  token: string;
  expiresIn: number;
}

/** Verified tokens kept so a client's repeated calls skip the HMAC check (least recent go first). */
const VERIFIED_CACHE_SIZE = 10_000;

type VerifiedClaims = CallerClaims & { exp: number };

/**
 * HS256 ID tokens for the Gateway's own login; the algorithm is pinned when verifying. A verified
 * token is remembered until its `exp`, so the warm path pays for the signature check once per token.
 */
export class JwtTokens {
  private readonly key: Uint8Array;
  private readonly verified = createVerifiedTokenCache(VERIFIED_CACHE_SIZE);

  constructor(
    secret: string,
    private readonly expiresInSeconds: number,
    private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(username: string): Promise<IssuedToken> {
    const issuedAt = this.nowSeconds();
    const token = await new SignJWT({ 'cognito:username': username, token_use: 'id' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(username)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.expiresInSeconds)
      .sign(this.key);
    return { token, expiresIn: this.expiresInSeconds };
  }

  /** The token's claims, or undefined when it is malformed, forged, expired or not HS256. */
  async verify(token: string): Promise<CallerClaims | undefined> {
    const known = await this.verified.get<VerifiedClaims>(token);
    if (known) {
      if (this.nowSeconds() < known.exp) return known;
      await this.verified.del(token);
    }
    const claims = await this.verifySignature(token);
    if (claims) {
      const ttlMs = (claims.exp - this.nowSeconds()) * 1000;
      await this.verified.set(token, claims, ttlMs);
    }
    return claims;
  }

  private async verifySignature(token: string) {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        requiredClaims: ['exp', 'sub'],
        currentDate: new Date(this.nowSeconds() * 1000),
      });
      return payload as VerifiedClaims;
    } catch (error) {
      if (error instanceof errors.JOSEError || error instanceof TypeError) return undefined;
      throw error;
    }
  }
}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}
