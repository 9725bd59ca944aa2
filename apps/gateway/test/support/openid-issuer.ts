import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, type KeyLike, SignJWT } from 'jose';

interface SigningKey {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: KeyLike;
  jwk: JWK;
}

/**
 * A small OpenID issuer for tests, over real HTTP on 127.0.0.1: OpenID discovery, a JWKS with an
 * RS256 and an ES256 key, token signing, key rotation; counts JWKS fetches.
 */
export class OpenIdIssuer {
  jwksFetches = 0;
  /** When false the issuer answers 503 to everything (an unreachable JWKS). */
  serving = true;
  private server?: Server;
  private keys: SigningKey[] = [];
  url = '';

  async start(host = '127.0.0.1'): Promise<this> {
    this.keys = [await this.newKey('RS256', 'rsa-1'), await this.newKey('ES256', 'ec-1')];
    this.server = createServer((request, response) => {
      if (!this.serving) {
        response.writeHead(503).end();
        return;
      }
      if (request.url === '/.well-known/openid-configuration') {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ issuer: this.url, jwks_uri: `${this.url}/jwks.json` }));
        return;
      }
      if (request.url === '/jwks.json') {
        this.jwksFetches += 1;
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ keys: this.keys.map((key) => key.jwk) }));
        return;
      }
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => this.server?.listen(0, host, resolve));
    this.url = `http://${host}:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** Adds a key under a new `kid` (the issuer rotated); tokens signed with it name that kid. */
  async rotate(kid: string): Promise<void> {
    this.keys.push(await this.newKey('RS256', kid));
  }

  /** A token signed by the issuer (`kid` picks the key; claims override the defaults). */
  async sign(
    claims: Record<string, unknown>,
    options: { kid?: string; expiresIn?: string | number; issuer?: string } = {},
  ): Promise<string> {
    const key = this.keys.find((candidate) => candidate.kid === (options.kid ?? 'rsa-1'));
    if (!key) throw new Error(`no key ${options.kid}`);
    return this.signWith(key.privateKey, key.alg, key.kid, claims, options);
  }

  /** A token naming one of the issuer's kids but signed by a key the issuer never published. */
  async forge(claims: Record<string, unknown>, kid = 'rsa-1', issuer?: string): Promise<string> {
    const { privateKey } = await generateKeyPair('RS256');
    return this.signWith(privateKey, 'RS256', kid, claims, issuer ? { issuer } : {});
  }

  private signWith(
    privateKey: KeyLike,
    alg: string,
    kid: string,
    claims: Record<string, unknown>,
    options: { expiresIn?: string | number; issuer?: string },
  ): Promise<string> {
    return new SignJWT(claims)
      .setProtectedHeader({ alg, kid, typ: 'JWT' })
      .setIssuer(options.issuer ?? this.url)
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '5m')
      .sign(privateKey);
  }

  private async newKey(alg: 'RS256' | 'ES256', kid: string): Promise<SigningKey> {
    const { privateKey, publicKey } = await generateKeyPair(alg);
    return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
  }
}

/** `alg: none` — an unsigned token, which every authorizer must refuse. */
export function unsignedToken(claims: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}
