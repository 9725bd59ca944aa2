import { Inject, Injectable } from '@nestjs/common';
import { errors, jwtVerify, SignJWT } from 'jose';
import { CLOCK, type Clock } from '@app/platform';
import type { CallerClaims } from '../events/gateway-request';
import { createVerifiedTokenCache } from './verified-token-cache';

export const JWT_SETTINGS = Symbol('JwtSettings');

export interface JwtSettings {
  /** HS256 key. */
  secret: string;
  /** Lifetime of an issued token. */
  expiresInSeconds: number;
}

export interface IssuedToken {
  token: string;
  expiresIn: number;
}

/** Verified tokens kept so a client's repeated calls skip the HMAC check (least recent go first). */
const VERIFIED_CACHE_SIZE = 10_000;

type VerifiedClaims = CallerClaims & { exp: number };

/**
 * Who issues the Gateway's ID tokens and for whom, as Cognito's ID tokens name their user pool
 * (`iss`) and app client (`aud`); a token signed with the key but naming anyone else is refused.
 */
export const TOKEN_ISSUER = 'onpre-lambda-gateway';
export const TOKEN_AUDIENCE = 'onpre-lambda';
/** Cognito's marker of an ID token (access tokens say `access`; only ID tokens log in here). */
export const TOKEN_USE = 'id';
/** How far in the future `iat` may be (a client clock ahead); `exp` gets no tolerance. */
export const CLOCK_TOLERANCE_SECONDS = 60;

/**
 * HS256 ID tokens for the Gateway's own login; the algorithm is pinned when verifying. A verified
 * token is remembered until its `exp`, so the warm path pays for the signature check once per token.
 */
@Injectable()
export class JwtTokens {
  private readonly key: Uint8Array;
  private readonly expiresInSeconds: number;
  private readonly verified = createVerifiedTokenCache(VERIFIED_CACHE_SIZE);

  constructor(
    @Inject(JWT_SETTINGS) settings: JwtSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.key = new TextEncoder().encode(settings.secret);
    this.expiresInSeconds = settings.expiresInSeconds;
  }

  private nowSeconds(): number {
    return Math.floor(this.clock.now() / 1000);
  }

  async issue(username: string): Promise<IssuedToken> {
    const issuedAt = this.nowSeconds();
    const token = await new SignJWT({ 'cognito:username': username, token_use: TOKEN_USE })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setSubject(username)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.expiresInSeconds)
      .sign(this.key);
    return { token, expiresIn: this.expiresInSeconds };
  }

  /**
   * The token's claims, or undefined when it is malformed, forged, expired, not HS256, not an ID
   * token of this Gateway (`iss`, `aud`, `token_use`), or valid longer than the Gateway issues
   * tokens for (`exp - iat` over `JWT_EXPIRES_DELTA`, `iat` in the future): a token minted with a
   * leaked key for a hundred years is refused.
   */
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
      const now = this.nowSeconds();
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        requiredClaims: ['exp', 'iat', 'sub', 'token_use'],
        maxTokenAge: this.expiresInSeconds + CLOCK_TOLERANCE_SECONDS,
        currentDate: new Date(now * 1000),
      });
      const {
        exp,
        iat,
        token_use: use,
      } = payload as { exp: number; iat: number; token_use: unknown };
      const lifetime = exp - iat;
      if (use !== TOKEN_USE || iat > now + CLOCK_TOLERANCE_SECONDS) return undefined;
      if (lifetime > this.expiresInSeconds || lifetime <= 0) return undefined;
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
