import { IsOptional, IsString, IsUrl, MinLength } from 'class-validator';
import {
  BooleanVariable,
  CommonEnv,
  DEFAULT_CONNECTION_LIMITS,
  EnvironmentSchema,
  IntegerVariable,
  SHARED_SECRETS,
} from '@app/platform';

/**
 * Every variable the Gateway reads; property initialisers are the defaults. Declare every type explicitly
 * (`PORT: number = 1`): class-transformer converts the raw strings by the declared type.
 */
export class GatewayEnv extends CommonEnv {
  @IntegerVariable(1, 65535)
  GATEWAY_PORT: number = 8443;

  @IsString()
  GATEWAY_HOST: string = '0.0.0.0';

  @IsString()
  @MinLength(8)
  X_API_KEY!: string;

  @IsString()
  @MinLength(32, { message: 'JWT_SECRET_KEY must be at least 32 bytes' })
  JWT_SECRET_KEY!: string;

  @IsString()
  AUTH_USER!: string;

  @IsString()
  AUTH_PASS!: string;

  @IntegerVariable(1)
  JWT_EXPIRES_DELTA: number = 3000;

  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  MANAGER_URL: string = 'http://127.0.0.1:8081';

  @IntegerVariable(0)
  CONTAINER_CACHE_TTL: number = 30;

  @IsString()
  ROUTING_FILE: string = 'config/routing.yml';

  /** HTTPS on (default) or plain HTTP (tests, or behind a TLS-terminating proxy). */
  @BooleanVariable()
  GATEWAY_TLS: boolean = true;

  /** Where the self-signed certificate is generated on first start and kept. */
  @IsString()
  TLS_DIR: string = '.onpre/tls';

  /** A certificate of your own (PEM); both files or neither. */
  @IsOptional()
  @IsString()
  TLS_CERT_FILE?: string;

  @IsOptional()
  @IsString()
  TLS_KEY_FILE?: string;

  /** Largest request body (API Gateway's limit: 10 MB); larger is 413. */
  @IntegerVariable(1024)
  BODY_LIMIT_BYTES: number = 10 * 1024 * 1024;

  /** Requests per function that may wait for a busy container before 429. */
  @IntegerVariable(0)
  MAX_QUEUE: number = 100;

  /** Async events (Manager queue) this Gateway delivers at once; 0: this Gateway delivers none. */
  @IntegerVariable(0, 256)
  ASYNC_DELIVERY_CONCURRENCY: number = 8;

  /** Longest wait in that queue before 429. */
  @IntegerVariable(1)
  QUEUE_TIMEOUT_MS: number = 10_000;

  /** Deadline for one Manager call (ensure includes a container start). */
  @IntegerVariable(100)
  MANAGER_TIMEOUT_MS: number = 60_000;

  /** Client limits (libs/platform ConnectionLimits; docs/security.md): complete headers within… */
  @IntegerVariable(100)
  HEADERS_TIMEOUT_MS: number = DEFAULT_CONNECTION_LIMITS.headersTimeoutMs;

  /** …the whole request (headers and body) within… */
  @IntegerVariable(100)
  REQUEST_TIMEOUT_MS: number = DEFAULT_CONNECTION_LIMITS.requestTimeoutMs;

  /** …an idle keep-alive connection closed after… */
  @IntegerVariable(100)
  KEEP_ALIVE_TIMEOUT_MS: number = DEFAULT_CONNECTION_LIMITS.keepAliveTimeoutMs;

  /** …at most this many open connections… */
  @IntegerVariable(1)
  MAX_CONNECTIONS: number = DEFAULT_CONNECTION_LIMITS.maxConnections;

  /** …and on SIGTERM running requests get this long before every connection is closed. */
  @IntegerVariable(0)
  SHUTDOWN_TIMEOUT_MS: number = DEFAULT_CONNECTION_LIMITS.shutdownTimeoutMs;

  /**
   * The Gateway's own login (Bearer ID token from /user/auth/ver1.0) on routes the template leaves
   * unprotected; false: those routes are open and a template's own auth is the only auth
   * (docs/authorizers.md, "How the Gateway's login and a template's auth combine").
   */
  @BooleanVariable()
  BUILTIN_LOGIN: boolean = true;

  /**
   * Where JWT authorizers get an issuer's keys when not by OpenID discovery (on-prem, no route to
   * the issuer): JSON `{"<issuer>": "<JWKS URL or file path>"}`.
   */
  @IsOptional()
  @IsString()
  JWT_ISSUER_JWKS?: string;

  /** Failed logins from one client within LOGIN_LOCKOUT_SECONDS that lock it out (429)… */
  @IntegerVariable(1)
  LOGIN_MAX_FAILURES: number = 5;

  /** …for this long (also the window the failures are counted in). */
  @IntegerVariable(1)
  LOGIN_LOCKOUT_SECONDS: number = 300;

  /** After JWT authorizers refetch an issuer's keys for an unknown `kid`, the wait before another. */
  @IntegerVariable(0)
  JWKS_REFETCH_COOLDOWN_MS: number = 30_000;

  /** How often warm-path activity is reported to the Manager. */
  @IntegerVariable(100)
  HEARTBEAT_INTERVAL_MS: number = 10_000;
}

export const GATEWAY_ENV_SCHEMA: EnvironmentSchema<GatewayEnv> = {
  type: GatewayEnv,
  secrets: [
    { name: 'X_API_KEY', devDefault: 'dev-api-key-change-in-production' },
    { name: 'JWT_SECRET_KEY', devDefault: 'dev-jwt-secret-change-in-production-0123456789' },
    { name: 'AUTH_USER', devDefault: 'onpremise-user' },
    { name: 'AUTH_PASS', devDefault: 'onpremise-pass' },
    ...SHARED_SECRETS,
  ],
};
