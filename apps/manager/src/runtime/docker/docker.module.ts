import { DynamicModule, Module, Provider } from '@nestjs/common';
import Docker from 'dockerode';
import { CONTAINER_LOG_SOURCE } from '../container-logs';
import { CONTAINER_RUNTIME, ContainerRuntime } from '../container-runtime';
import { DockerContainerRuntime } from './docker-container-runtime';
import type { RuntimeChoice } from '../runtime-choice';
import { SwarmContainerRuntime } from '../swarm/swarm-container-runtime';
import { DockerodeLogSource } from './dockerode-log-source';

/** The one dockerode client of the Manager process (container runtime and log shipping share it). */
export const DOCKER_CLIENT = Symbol('DockerClient');

/** Docker API requests slower than this fail (covers a graceful stop, which waits up to 2 s). */
export const DOCKER_REQUEST_TIMEOUT_MS = 60_000;

export interface DockerClientSettings {
  socketPath: string;
}
const DOCKER_CLIENT_SETTINGS = Symbol('DockerClientSettings');

/**
 * Provides `DOCKER_CLIENT`. Every module that needs Docker imports `DockerModule.register` with the
 * same settings; Nest keeps one instance of a dynamic module per distinct metadata, so the process
 * holds one client.
 */
@Module({})
export class DockerModule {
  static register(settings: DockerClientSettings): DynamicModule {
    return {
      module: DockerModule,
      providers: [
        { provide: DOCKER_CLIENT_SETTINGS, useValue: { socketPath: settings.socketPath } },
        {
          provide: DOCKER_CLIENT,
          inject: [DOCKER_CLIENT_SETTINGS],
          useFactory: ({ socketPath }: DockerClientSettings) =>
            new Docker({ socketPath, timeout: DOCKER_REQUEST_TIMEOUT_MS }),
        },
      ],
      exports: [DOCKER_CLIENT],
    };
  }
}

/**
 * `CONTAINER_RUNTIME` on the shared client: the Docker engine adapter, or the Swarm adapter (the
 * socket is then a swarm manager's), unless a test supplies its own runtime.
 */
export function containerRuntimeProvider(
  choice: RuntimeChoice,
  instance: string,
  override?: ContainerRuntime,
): Provider {
  return {
    provide: CONTAINER_RUNTIME,
    inject: [DOCKER_CLIENT],
    useFactory: (docker: Docker) =>
      override ??
      (choice.kind === 'swarm'
        ? new SwarmContainerRuntime(docker, choice.swarm, instance)
        : new DockerContainerRuntime(docker, choice.placement, instance)),
  };
}

/** `CONTAINER_LOG_SOURCE`: this instance's containers' logs, read on the shared client. */
export function containerLogSourceProvider(instance: string): Provider {
  return {
    provide: CONTAINER_LOG_SOURCE,
    inject: [DOCKER_CLIENT],
    useFactory: (docker: Docker) => new DockerodeLogSource(docker, instance),
  };
}
