import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { createFastifyAdapter, loadEnvironmentOrExit } from '@app/platform';
import { setUpOpenApi } from './api/openapi';
import { FunctionsFileError } from './config/functions-file';
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
  // Not the default signal list: it includes SIGHUP, which here means "reload functions.yml".
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  setUpOpenApi(app);
  await app.listen(env.MANAGER_PORT, env.MANAGER_HOST);
  app.get(Logger).log(`manager listening on ${env.MANAGER_HOST}:${env.MANAGER_PORT}`);
}

bootstrap().catch((error: unknown) => {
  // An invalid functions.yml stops the process with one message naming every problem.
  const message = error instanceof FunctionsFileError ? error.message : String(error);
  process.stderr.write(`manager failed to start: ${message}\n`);
  process.exit(1);
});
