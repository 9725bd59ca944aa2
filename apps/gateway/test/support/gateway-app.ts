import 'reflect-metadata';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { createFastifyAdapter, validateEnvironment } from '@app/platform';
import type { RouteDefinition, RoutingFile } from '@app/contracts';
import { GATEWAY_ENV_SCHEMA, GatewayEnv } from '../../src/config/gateway-env';
import { GatewayModule } from '../../src/gateway.module';

export const TEST_SECRETS = {
  X_API_KEY: 'test-api-key-0123',
  JWT_SECRET_KEY: 'test-jwt-secret-0123456789abcdef0123456789',
  AUTH_USER: 'alice',
  AUTH_PASS: 'alice-password',
  MANAGER_TOKEN: 'test-manager-token-0123',
  FUNCTION_AWS_ACCESS_KEY_ID: 'test-access-key',
  FUNCTION_AWS_SECRET_ACCESS_KEY: 'test-secret-access-key-0123',
};

/** Writes a routing file: a route list, or a whole `routing.yml` document (routes, apis, ...). */
export function writeRoutingFile(routes: RouteDefinition[] | RoutingFile): string {
  const file = join(mkdtempSync(join(tmpdir(), 'gateway-routes-')), 'routing.yml');
  writeFileSync(file, JSON.stringify(Array.isArray(routes) ? { routes } : routes));
  return file;
}

export interface TestGateway {
  app: NestFastifyApplication;
  env: GatewayEnv;
}

/** The Gateway in process (plain HTTP unless a TLS pair is given), listening on 127.0.0.1. */
export async function startGateway(
  managerUrl: string,
  routes: RouteDefinition[] | RoutingFile,
  overrides: Record<string, string> = {},
  https?: { key: string; cert: string },
): Promise<TestGateway> {
  const env = validateEnvironment(GATEWAY_ENV_SCHEMA, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    GATEWAY_TLS: 'false',
    MANAGER_URL: managerUrl,
    ROUTING_FILE: writeRoutingFile(routes),
    ...TEST_SECRETS,
    ...overrides,
  });
  const moduleRef = await Test.createTestingModule({
    imports: [GatewayModule.register(env)],
  }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(
    createFastifyAdapter({ bodyLimit: env.BODY_LIMIT_BYTES, https: https ?? null }),
  );
  await app.listen(0, '127.0.0.1');
  return { app, env };
}

export function gatewayUrl(app: NestFastifyApplication, scheme = 'http'): string {
  const address = app.getHttpServer().address() as { port: number };
  return `${scheme}://127.0.0.1:${address.port}`;
}

/** Logs in through the Gateway and returns the bearer header. */
export async function loginHeader(app: NestFastifyApplication): Promise<{ authorization: string }> {
  const response = await app.inject({
    method: 'POST',
    url: '/user/auth/ver1.0',
    headers: { 'x-api-key': TEST_SECRETS.X_API_KEY, 'content-type': 'application/json' },
    payload: { AuthParameters: { USERNAME: 'alice', PASSWORD: 'alice-password' } },
  });
  const token = response.json<{ AuthenticationResult: { IdToken: string } }>().AuthenticationResult
    .IdToken;
  return { authorization: `Bearer ${token}` };
}
