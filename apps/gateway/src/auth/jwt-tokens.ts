import { errors, jwtVerify, SignJWT } from 'jose';
import type { CallerClaims } from '../events/gateway-request';

export interface IssuedToken {
  token: string;
  expiresIn: number;
}

/** HS256 ID tokens for the Gateway's own login; the algorithm is pinned when verifying. */
export class JwtTokens {
  private readonly key: Uint8Array;

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
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        requiredClaims: ['exp', 'sub'],
        currentDate: new Date(this.nowSeconds() * 1000),
      });
      return payload as CallerClaims;
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
