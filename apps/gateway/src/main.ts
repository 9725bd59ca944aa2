import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import {
  createFastifyAdapter,
  devSecretsInUse,
  exposedDevSecretsWarning,
  loadEnvironmentOrExit,
} from '@app/platform';
import { GATEWAY_ENV_SCHEMA } from './config/gateway-env';
import { GatewayModule } from './gateway.module';
import { loadTlsMaterial } from './tls/tls-material';

async function bootstrap(): Promise<void> {
  const env = loadEnvironmentOrExit(GATEWAY_ENV_SCHEMA);
  const tls = env.GATEWAY_TLS ? await loadTlsMaterial(env) : undefined;
  const app = await NestFactory.create<NestFastifyApplication>(
    GatewayModule.register(env),
    createFastifyAdapter({
      bodyLimit: env.BODY_LIMIT_BYTES,
      https: tls ? { key: tls.key, cert: tls.cert } : null,
      limits: {
        headersTimeoutMs: env.HEADERS_TIMEOUT_MS,
        requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
        keepAliveTimeoutMs: env.KEEP_ALIVE_TIMEOUT_MS,
        maxConnections: env.MAX_CONNECTIONS,
        shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
      },
    }),
    // Reject instead of aborting, so a bad routing file or certificate ends in one message below.
    { bufferLogs: true, abortOnError: false },
  );
  const logger = app.get(Logger);
  app.useLogger(logger);
  // Not the default signal list: it includes SIGHUP, which here means "reload routing.yml".
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await app.listen(env.GATEWAY_PORT, env.GATEWAY_HOST);
  if (tls?.generated) logger.log(`generated a self-signed certificate in ${env.TLS_DIR}`);
  const exposed = exposedDevSecretsWarning(
    env.GATEWAY_HOST,
    devSecretsInUse(GATEWAY_ENV_SCHEMA, env),
  );
  if (exposed) logger.warn(exposed);
  const scheme = tls ? 'https' : 'http';
  logger.log(`gateway listening on ${scheme}://${env.GATEWAY_HOST}:${env.GATEWAY_PORT}`);
}

bootstrap().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`gateway failed to start: ${message}\n`);
  process.exit(1);
});
