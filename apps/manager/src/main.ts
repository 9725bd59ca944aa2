import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { createFastifyAdapter, loadEnvironmentOrExit } from '@app/platform';
import { MANAGER_ENV_SCHEMA } from './config/manager-env';
import { ManagerModule } from './manager.module';

async function bootstrap(): Promise<void> {
  const env = loadEnvironmentOrExit(MANAGER_ENV_SCHEMA);
  const app = await NestFactory.create<NestFastifyApplication>(
    ManagerModule.register(env),
    createFastifyAdapter(),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.listen(env.MANAGER_PORT, env.MANAGER_HOST);
  app.get(Logger).log(`manager listening on ${env.MANAGER_HOST}:${env.MANAGER_PORT}`);
}

void bootstrap();
