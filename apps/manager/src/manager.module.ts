import { DynamicModule, Module, Provider, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ConfigModule } from '@nestjs/config';
import { ScheduleModule } from '@nestjs/schedule';
import { TerminusModule } from '@nestjs/terminus';
import Docker from 'dockerode';
import { LivenessController, loggingModule } from '@app/platform';
import { ErrorFilter } from './api/error.filter';
import { ManagerApiController } from './api/manager-api.controller';
import { ManagerTokenGuard } from './api/manager-token.guard';
import { ConfigReloader } from './config/config-reloader';
import {
  FileFunctionsSource,
  FUNCTIONS_SOURCE,
  FunctionRegistry,
  FunctionsSource,
  REGISTRY_SETTINGS,
  RegistrySettings,
} from './config/function-registry';
import { injectedEnvironment } from './config/injected-environment';
import { ManagerEnv } from './config/manager-env';
import { LogShippingModule } from './log-shipping/log-shipping.module';
import { DockerHealthIndicator, ReadinessController } from './health/docker-health';
import { ManagerMetrics } from './metrics/manager-metrics';
import { MetricsController } from './metrics/metrics.controller';
import { ActivityTracker } from './pool/activity-tracker';
import { ContainerAdmin } from './pool/container-admin';
import { ContainerSync } from './pool/container-sync';
import { FunctionPools } from './pool/function-pools';
import { IdleReaper, REAPER_INTERVAL_MS } from './pool/idle-reaper';
import { POOL_SETTINGS, PoolSettings } from './pool/pool-settings';
import { CLOCK, Clock, SystemClock } from './runtime/clock';
import { CONTAINER_RUNTIME, ContainerRuntime } from './runtime/container-runtime';
import { DockerContainerRuntime } from './runtime/docker-container-runtime';
import { FetchHttpProbe, HTTP_PROBE, HttpProbe } from './runtime/readiness';

/** Docker requests slower than this fail (covers a graceful stop, which waits up to 2 s). */
const DOCKER_REQUEST_TIMEOUT_MS = 60_000;

/** Side effects the Manager reaches through tokens; tests replace any of them with fakes. */
export interface ManagerAdapters {
  runtime?: ContainerRuntime;
  probe?: HttpProbe;
  clock?: Clock;
  functionsSource?: FunctionsSource;
}

function dockerRuntime(env: ManagerEnv): ContainerRuntime {
  const docker = new Docker({ socketPath: env.DOCKER_SOCKET, timeout: DOCKER_REQUEST_TIMEOUT_MS });
  return new DockerContainerRuntime(
    docker,
    { mode: env.ADDRESS_MODE, network: env.LAMBDA_NETWORK },
    env.MANAGER_INSTANCE,
  );
}

function settingsProviders(env: ManagerEnv): Provider[] {
  const injected = injectedEnvironment(env);
  const pool: PoolSettings = {
    readyTimeoutMs: env.READY_TIMEOUT_SECONDS * 1000,
    idleTimeoutMs: env.idleTimeoutMs,
    stoppedRetentionMs: env.STOPPED_RETENTION_SECONDS * 1000,
    instance: env.MANAGER_INSTANCE,
    injected,
    caFile: env.FUNCTION_CA_FILE,
  };
  const registry: RegistrySettings = {
    injected,
    defaultReservedConcurrency: env.DEFAULT_RESERVED_CONCURRENCY,
    processEnv: process.env,
  };
  return [
    { provide: ManagerEnv, useValue: env },
    { provide: POOL_SETTINGS, useValue: pool },
    { provide: REGISTRY_SETTINGS, useValue: registry },
    { provide: REAPER_INTERVAL_MS, useValue: env.REAPER_INTERVAL_SECONDS * 1000 },
  ];
}

@Module({})
export class ManagerModule {
  static register(env: ManagerEnv, adapters: ManagerAdapters = {}): DynamicModule {
    return {
      module: ManagerModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => ({ ...env })] }),
        loggingModule({ service: 'manager', level: env.LOG_LEVEL, production: env.production }),
        TerminusModule,
        ScheduleModule.forRoot(),
        LogShippingModule.register(env),
      ],
      controllers: [
        LivenessController,
        ReadinessController,
        MetricsController,
        ManagerApiController,
      ],
      providers: [
        ...settingsProviders(env),
        { provide: CONTAINER_RUNTIME, useFactory: () => adapters.runtime ?? dockerRuntime(env) },
        { provide: HTTP_PROBE, useValue: adapters.probe ?? new FetchHttpProbe() },
        { provide: CLOCK, useValue: adapters.clock ?? new SystemClock() },
        {
          provide: FUNCTIONS_SOURCE,
          useValue: adapters.functionsSource ?? new FileFunctionsSource(env.FUNCTIONS_FILE),
        },
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({ whitelist: true, transform: true }),
        },
        { provide: APP_FILTER, useClass: ErrorFilter },
        ManagerTokenGuard,
        FunctionRegistry,
        ConfigReloader,
        ActivityTracker,
        ManagerMetrics,
        FunctionPools,
        ContainerAdmin,
        ContainerSync,
        IdleReaper,
        DockerHealthIndicator,
      ],
    };
  }
}
