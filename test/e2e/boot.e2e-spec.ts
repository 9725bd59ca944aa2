import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { createFastifyAdapter, validateEnvironment } from '@app/platform';
import { GATEWAY_ENV_SCHEMA } from '../../apps/gateway/src/config/gateway-env';
import { GatewayModule } from '../../apps/gateway/src/gateway.module';
import { MANAGER_ENV_SCHEMA } from '../../apps/manager/src/config/manager-env';
import { ManagerModule } from '../../apps/manager/src/manager.module';
import { FakeContainerRuntime } from '../../apps/manager/test/fakes/fake-container-runtime';

const quiet = { NODE_ENV: 'test', LOG_LEVEL: 'silent' };

const apps = {
  gateway: () => GatewayModule.register(validateEnvironment(GATEWAY_ENV_SCHEMA, quiet)),
  // The boot test must not touch the real engine: Adopt & Sync would act on its containers.
  manager: () =>
    ManagerModule.register(validateEnvironment(MANAGER_ENV_SCHEMA, quiet), {
      runtime: new FakeContainerRuntime(),
    }),
};

describe.each(Object.entries(apps))('%s boots on Fastify', (_name, moduleFor) => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [moduleFor()] }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers the liveness endpoint', async () => {
    const response = await app.inject({ method: 'GET', url: '/health/live' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', info: { heap: { status: 'up' } } });
  });

  it('echoes a sane X-Request-Id and generates one otherwise', async () => {
    const given = await app.inject({
      method: 'GET',
      url: '/health',
      headers: { 'x-request-id': 'trace-1' },
    });
    expect(given.headers['x-request-id']).toBe('trace-1');
    const generated = await app.inject({
      method: 'GET',
      url: '/health',
      headers: { 'x-request-id': 'bad id' },
    });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
