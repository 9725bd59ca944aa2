import { DynamicModule, Module } from '@nestjs/common';
import Docker from 'dockerode';
import { loadEnvironmentOrExit } from '@app/platform';
import { DockerodeLogSource } from './dockerode-log-source';
import { LOG_SHIPPING_ENV_SCHEMA, LogShippingEnv } from './log-shipping-env';
import { LogShipper } from './log-shipper';
import { CONTAINER_LOG_SOURCE, LOG_SHIPPING_SETTINGS, LOG_SINK } from './ports';
import { VictoriaLogsSink } from '@app/platform/log-shipping/victorialogs-sink';

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
      providers: [
        {
          provide: CONTAINER_LOG_SOURCE,
          useFactory: () =>
            new DockerodeLogSource(
              new Docker({ socketPath: host.DOCKER_SOCKET }),
              host.MANAGER_INSTANCE,
            ),
        },
        { provide: LOG_SINK, useFactory: () => new VictoriaLogsSink(url) },
        { provide: LOG_SHIPPING_SETTINGS, useValue: env.settings },
        LogShipper,
      ],
      exports: [LogShipper],
    };
  }
}
