import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { createFastifyAdapter, loadEnvironmentOrExit } from '@app/platform';
import { GATEWAY_ENV_SCHEMA } from './config/gateway-env';
import { GatewayModule } from './gateway.module';

async function bootstrap(): Promise<void> {
  const env = loadEnvironmentOrExit(GATEWAY_ENV_SCHEMA);
  const app = await NestFactory.create<NestFastifyApplication>(
    GatewayModule.register(env),
    createFastifyAdapter(),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.listen(env.GATEWAY_PORT, env.GATEWAY_HOST);
  app.get(Logger).log(`gateway listening on ${env.GATEWAY_HOST}:${env.GATEWAY_PORT}`);
}

void bootstrap();
