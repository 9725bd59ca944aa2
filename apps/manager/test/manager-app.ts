import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { createFastifyAdapter, validateEnvironment } from '@app/platform';
import { setUpOpenApi } from '../src/api/openapi';
import { MemoryEventStore } from '../src/async/event-store';
import { MANAGER_ENV_SCHEMA } from '../src/config/manager-env';
import { ManagerAdapters, ManagerModule } from '../src/manager.module';

export const TEST_TOKEN = 'manager-test-token-0123456789';

/** A Manager app (Fastify, every global pipe/filter/guard) with the given adapters and env. */
export async function createManagerApp(
  adapters: ManagerAdapters,
  env: Record<string, string> = {},
): Promise<NestFastifyApplication> {
  const managerEnv = validateEnvironment(MANAGER_ENV_SCHEMA, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    MANAGER_TOKEN: TEST_TOKEN,
    ...env,
  });
  const moduleRef = await Test.createTestingModule({
    imports: [
      ManagerModule.register(managerEnv, {
        eventStore: env.DATA_DIR ? undefined : new MemoryEventStore(),
        ...adapters,
      }),
    ],
  }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter());
  setUpOpenApi(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
