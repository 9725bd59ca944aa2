import { readFileSync } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
} from 'jose';
import { GatewayEnv } from '../config/gateway-env';

/** How long an issuer's fetched keys are trusted before jose fetches them again. */
const JWKS_MAX_AGE_MS = 10 * 60_000;
const FETCH_TIMEOUT_MS = 5_000;

export const ISSUER_KEY_SETTINGS = Symbol('IssuerKeySettings');

/** Per issuer, a configured JWKS URL or file (`JWT_ISSUER_JWKS`); others use OpenID discovery. */
export type IssuerKeySources = Readonly<Record<string, string>>;

export interface IssuerKeySettings {
  sources: IssuerKeySources;
  /** After a refetch for an unknown `kid`, how long until the next (a bad token cannot hammer). */
  cooldownMs: number;
}

export function parseIssuerKeySources(json: string | undefined): IssuerKeySources {
  if (!json) return {};
  const parsed: unknown = JSON.parse(json);
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    Array.isArray(parsed) ||
    !Object.values(parsed).every((value) => typeof value === 'string')
  ) {
    throw new Error('JWT_ISSUER_JWKS must be a JSON object of issuer → JWKS URL or file');
  }
  return parsed as Record<string, string>;
}

export const issuerKeySettingsProvider = {
  provide: ISSUER_KEY_SETTINGS,
  inject: [GatewayEnv],
  useFactory: (env: GatewayEnv): IssuerKeySettings => ({
    sources: parseIssuerKeySources(env.JWT_ISSUER_JWKS),
    cooldownMs: env.JWKS_REFETCH_COOLDOWN_MS,
  }),
};

async function discoverJwksUri(issuer: string): Promise<URL> {
  const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`OpenID discovery ${url} answered ${response.status}`);
  const document = (await response.json()) as { jwks_uri?: unknown };
  if (typeof document.jwks_uri !== 'string') throw new Error(`${url} names no jwks_uri`);
  return new URL(document.jwks_uri);
}

/**
 * The signing keys of each issuer a JWT authorizer trusts: jose's remote JWK set (cached, fetched
 * again for an unknown `kid` after a cooldown) at the URL OpenID discovery names, or at a
 * configured URL; a configured file is read once. A failed discovery is retried on the next token.
 */
@Injectable()
export class IssuerKeys {
  private readonly keySets = new Map<string, Promise<JWTVerifyGetKey>>();

  constructor(@Inject(ISSUER_KEY_SETTINGS) private readonly settings: IssuerKeySettings) {}

  keysOf(issuer: string): Promise<JWTVerifyGetKey> {
    let keys = this.keySets.get(issuer);
    if (!keys) {
      keys = this.load(issuer);
      keys.catch(() => this.keySets.delete(issuer));
      this.keySets.set(issuer, keys);
    }
    return keys;
  }

  private async load(issuer: string): Promise<JWTVerifyGetKey> {
    const configured = this.settings.sources[issuer];
    if (configured && !/^https?:\/\//.test(configured)) {
      const file = configured.replace(/^file:\/\//, '');
      return createLocalJWKSet(JSON.parse(readFileSync(file, 'utf8')) as JSONWebKeySet);
    }
    const url = configured ? new URL(configured) : await discoverJwksUri(issuer);
    return createRemoteJWKSet(url, {
      cacheMaxAge: JWKS_MAX_AGE_MS,
      cooldownDuration: this.settings.cooldownMs,
      timeoutDuration: FETCH_TIMEOUT_MS,
    });
  }
}
