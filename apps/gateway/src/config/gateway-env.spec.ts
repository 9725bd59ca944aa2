import 'reflect-metadata';
import { validateEnvironment } from '@app/platform';
import { GATEWAY_ENV_SCHEMA } from './gateway-env';

describe('GatewayEnv', () => {
  it('has working development defaults', () => {
    const env = validateEnvironment(GATEWAY_ENV_SCHEMA, {});
    expect(env).toMatchObject({
      GATEWAY_PORT: 8443,
      GATEWAY_TLS: true,
      TLS_DIR: '.onpre/tls',
      BODY_LIMIT_BYTES: 10 * 1024 * 1024,
      CONTAINER_CACHE_TTL: 30,
      MAX_QUEUE: 100,
      FUNCTION_AWS_ACCESS_KEY_ID: 'onpre-local',
    });
  });

  it.each([
    ['false', false],
    ['0', false],
    ['off', false],
    ['true', true],
    ['1', true],
  ])('reads GATEWAY_TLS=%s as %s', (value, expected) => {
    expect(validateEnvironment(GATEWAY_ENV_SCHEMA, { GATEWAY_TLS: value }).GATEWAY_TLS).toBe(
      expected,
    );
  });

  it('reports every bad value at once', () => {
    expect(() =>
      validateEnvironment(GATEWAY_ENV_SCHEMA, {
        GATEWAY_TLS: 'maybe',
        MAX_QUEUE: '-1',
        BODY_LIMIT_BYTES: 'lots',
      }),
    ).toThrow(/BODY_LIMIT_BYTES[\s\S]*GATEWAY_TLS[\s\S]*MAX_QUEUE/);
  });

  it('refuses the development function credentials in production', () => {
    expect(() =>
      validateEnvironment(GATEWAY_ENV_SCHEMA, {
        NODE_ENV: 'production',
        X_API_KEY: 'prod-api-key-1',
        JWT_SECRET_KEY: 'p'.repeat(40),
        AUTH_USER: 'admin',
        AUTH_PASS: 'secret-pass',
        MANAGER_TOKEN: 'prod-manager-token-123',
        FUNCTION_AWS_ACCESS_KEY_ID: 'onpre-local',
      }),
    ).toThrow(
      /FUNCTION_AWS_ACCESS_KEY_ID: must not be the development default[\s\S]*FUNCTION_AWS_SECRET_ACCESS_KEY: is required/,
    );
  });
});
