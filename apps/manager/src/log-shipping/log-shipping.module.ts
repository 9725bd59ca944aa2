import { DynamicModule, Module } from '@nestjs/common';
import { loadEnvironmentOrExit, VictoriaLogsSink } from '@app/platform';
import { containerLogSourceProvider, DockerModule } from '../runtime/docker/docker.module';
import { LOG_SHIPPING_ENV_SCHEMA, LogShippingEnv } from './log-shipping-env';
import { LogShipper } from './log-shipper';
import { LOG_SHIPPING_SETTINGS, LOG_SINK } from './ports';

/** What the pipeline needs from the Manager's own configuration. */
export interface LogShippingHost {
  MANAGER_INSTANCE: string;
  DOCKER_SOCKET: string;
}

/**
 * Ships the JSON lines of the Gateway, the Manager and this Manager's Lambda containers to
 * VictoriaLogs, reading them through the Docker API. Without `VICTORIALOGS_URL` it provides
 * nothing and logs stay on stdout.
 */
@Module({})
export class LogShippingModule {
  static register(host: LogShippingHost): DynamicModule {
    return LogShippingModule.withEnv(host, loadEnvironmentOrExit(LOG_SHIPPING_ENV_SCHEMA));
  }

  static withEnv(host: LogShippingHost, env: LogShippingEnv): DynamicModule {
    const url = env.VICTORIALOGS_URL;
    if (!url) return { module: LogShippingModule };
    return {
      module: LogShippingModule,
      imports: [DockerModule.register({ socketPath: host.DOCKER_SOCKET })],
      providers: [
        containerLogSourceProvider(host.MANAGER_INSTANCE),
        { provide: LOG_SINK, useFactory: () => new VictoriaLogsSink(url) },
        { provide: LOG_SHIPPING_SETTINGS, useValue: env.settings },
        LogShipper,
      ],
      exports: [LogShipper],
    };
  }
}
