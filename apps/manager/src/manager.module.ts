import { DynamicModule, Module, Provider, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { TerminusModule } from '@nestjs/terminus';
import { CLOCK, Clock, LivenessController, loggingModule, SystemClock } from '@app/platform';
import { AsyncApiController } from './api/async-api.controller';
import { ErrorFilter } from './api/error.filter';
import { AsyncMetrics } from './async/async-metrics';
import { ASYNC_SETTINGS, AsyncQueue, AsyncQueueSettings } from './async/async-queue';
import { DirectoryEventStore, EVENT_STORE, EventStore } from './async/event-store';
import { SCHEDULE_TICK_MS, ScheduleRunner } from './async/schedule-runner';
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
import { AwsDataServices } from './data-services/aws/aws-data-services';
import { DATA_SERVICES, DataServices } from './data-services/data-services';
import {
  DataProvisioner,
  DEFAULT_PROVISION_RETRY,
  PROVISION_RETRY,
  ProvisionRetry,
} from './data-services/data-provisioner';
import { LogShippingModule } from './log-shipping/log-shipping.module';
import { DockerHealthIndicator, ReadinessController } from './health/docker-health';
import { ManagerMetrics } from './metrics/manager-metrics';
import { MetricsController } from './metrics/metrics.controller';
import { ActivityTracker } from './pool/activity-tracker';
import { ContainerAdmin } from './pool/container-admin';
import { ContainerSync } from './pool/container-sync';
import { ContainerBudget } from './pool/container-budget';
import { FunctionPools } from './pool/function-pools';
import { IdleReaper, REAPER_INTERVAL_MS } from './pool/idle-reaper';
import { POOL_SETTINGS, PoolSettings } from './pool/pool-settings';
import { ContainerRuntime } from './runtime/container-runtime';
import { containerRuntimeProvider, DockerModule } from './runtime/docker/docker.module';
import { FetchHttpProbe, HTTP_PROBE, HttpProbe } from './runtime/readiness';
import { runtimeChoice } from './runtime/runtime-choice';

/** Side effects the Manager reaches through tokens; tests replace any of them with fakes. */
export interface ManagerAdapters {
  runtime?: ContainerRuntime;
  probe?: HttpProbe;
  clock?: Clock;
  functionsSource?: FunctionsSource;
  eventStore?: EventStore;
  dataServices?: DataServices;
  provisionRetry?: ProvisionRetry;
}

/** How often due schedules are looked for; runs fire within this of their time. */
const SCHEDULE_TICK = 1000;

function settingsProviders(env: ManagerEnv): Provider[] {
  const injected = injectedEnvironment(env);
  const pool: PoolSettings = {
    readyTimeoutMs: env.READY_TIMEOUT_SECONDS * 1000,
    idleTimeoutMs: env.idleTimeoutMs,
    coolAfterMs: env.coolAfterMs,
    stoppedRetentionMs: env.STOPPED_RETENTION_SECONDS * 1000,
    instance: env.MANAGER_INSTANCE,
    injected,
    caFile: env.FUNCTION_CA_FILE,
    maxContainers: env.MAX_FUNCTION_CONTAINERS,
  };
  const registry: RegistrySettings = {
    injected,
    defaultReservedConcurrency: env.DEFAULT_RESERVED_CONCURRENCY,
    processEnv: process.env,
    invokeSecret: env.MANAGER_TOKEN,
  };
  const asyncSettings: AsyncQueueSettings = {
    maxEventsPerFunction: env.ASYNC_MAX_QUEUE_EVENTS,
    retryBaseMs: env.ASYNC_RETRY_BASE_SECONDS * 1000,
    leaseGraceMs: env.ASYNC_LEASE_GRACE_SECONDS * 1000,
    region: env.FUNCTION_AWS_REGION,
    account: env.FUNCTION_AWS_ACCOUNT_ID,
  };
  return [
    { provide: ManagerEnv, useValue: env },
    { provide: ASYNC_SETTINGS, useValue: asyncSettings },
    { provide: SCHEDULE_TICK_MS, useValue: SCHEDULE_TICK },
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
        loggingModule({ service: 'manager', level: env.LOG_LEVEL, production: env.production }),
        TerminusModule,
        ScheduleModule.forRoot(),
        DockerModule.register({ socketPath: env.DOCKER_SOCKET }),
        LogShippingModule.register(env),
      ],
      controllers: [
        LivenessController,
        ReadinessController,
        MetricsController,
        ManagerApiController,
        AsyncApiController,
      ],
      providers: [
        ...settingsProviders(env),
        containerRuntimeProvider(runtimeChoice(env), env.MANAGER_INSTANCE, adapters.runtime),
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
        ContainerBudget,
        FunctionPools,
        ContainerAdmin,
        ContainerSync,
        IdleReaper,
        DockerHealthIndicator,
        {
          provide: EVENT_STORE,
          useFactory: () => adapters.eventStore ?? new DirectoryEventStore(env.DATA_DIR),
        },
        AsyncQueue,
        AsyncMetrics,
        ScheduleRunner,
        {
          provide: DATA_SERVICES,
          useFactory: () =>
            adapters.dataServices ??
            new AwsDataServices({
              dynamodbEndpoint: env.FUNCTION_AWS_ENDPOINT_URL_DYNAMODB,
              s3Endpoint: env.FUNCTION_AWS_ENDPOINT_URL_S3,
              region: env.FUNCTION_AWS_REGION,
              accessKeyId: env.FUNCTION_AWS_ACCESS_KEY_ID,
              secretAccessKey: env.FUNCTION_AWS_SECRET_ACCESS_KEY,
            }),
        },
        { provide: PROVISION_RETRY, useValue: adapters.provisionRetry ?? DEFAULT_PROVISION_RETRY },
        DataProvisioner,
      ],
    };
  }
}
