/**
 * The per-API parts of `routing.yml`: what kind of API a route belongs to (REST or HTTP API, which
 * answer errors, CORS and binary bodies differently), its stage and stage variables, CORS and
 * binary media types. Written by the SAM generator, read by the Gateway. A route without `api`, or
 * naming an API not listed here, belongs to an implicit API: REST for payload 1.0, HTTP for 2.0.
 */
import type { ApiKind } from './routing-auth';

/**
 * CORS as the template configures it. For a REST API (`Api.Cors`) this is the OPTIONS mock method
 * SAM generates: `allowOrigins` holds its one `AllowOrigin` value. For an HTTP API
 * (`CorsConfiguration`) the Gateway answers preflights and adds the headers to every response.
 */
export interface CorsDefinition {
  allowOrigins: string[];
  /** Empty: REST answers the path's own methods; HTTP API allows none. */
  allowMethods: string[];
  allowHeaders: string[];
  /** HTTP API only. */
  exposeHeaders?: string[];
  maxAge?: number;
  allowCredentials?: boolean;
}

export interface ApiDefinition {
  kind: ApiKind;
  /** `StageName` (SAM: `Prod` for a REST API); `$default` for an HTTP API's default stage. */
  stage: string;
  stageVariables?: Record<string, string>;
  cors?: CorsDefinition;
  /** REST `BinaryMediaTypes` (`image/png`, `image/*`, `*\/*`), `~1` already read as `/`. */
  binaryMediaTypes?: string[];
}

/** API Gateway's integration timeouts (ms): REST 29 s (50–29,000), HTTP API 30 s (50–30,000). */
export const INTEGRATION_TIMEOUT_MS: Record<
  ApiKind,
  { default: number; min: number; max: number }
> = {
  rest: { default: 29_000, min: 50, max: 29_000 },
  http: { default: 30_000, min: 50, max: 30_000 },
};
