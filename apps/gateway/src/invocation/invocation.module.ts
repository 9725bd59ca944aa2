import { Module } from '@nestjs/common';
import { GatewayEnv } from '../config/gateway-env';
import { ActivityLog } from './activity-log';
import { ContainerPool, POOL_SETTINGS, type PoolSettings } from './container-pool';
import { FunctionInvoker } from './function-invoker';
import { HEARTBEAT_INTERVAL, HeartbeatService } from './heartbeat.service';
import {
  HttpManagerClient,
  MANAGER_CLIENT_SETTINGS,
  type ManagerClientSettings,
} from './http-manager-client';
import { KnownFunctions } from './known-functions';
import { FUNCTION_LIST, MANAGER_CLIENT, UPSTREAM_INVOKER } from './ports';
import { UndiciUpstreamInvoker } from './undici-upstream-invoker';
import { StreamingInvoker } from './streaming-invoker';

/**
 * Invocation: the cached proxy (`FunctionInvoker` over `ContainerPool`), the Manager client and the
 * heartbeat that reports warm-path activity. Façade: `FunctionInvoker`; `MANAGER_CLIENT` is exported
 * for the readiness probe, `MANAGER_CLIENT_SETTINGS` for the async queue client.
 */
@Module({
  providers: [
    {
      provide: MANAGER_CLIENT_SETTINGS,
      inject: [GatewayEnv],
      useFactory: (env: GatewayEnv): ManagerClientSettings => ({
        baseUrl: env.MANAGER_URL,
        token: env.MANAGER_TOKEN,
        timeoutMs: env.MANAGER_TIMEOUT_MS,
      }),
    },
    {
      provide: POOL_SETTINGS,
      inject: [GatewayEnv],
      useFactory: (env: GatewayEnv): PoolSettings => ({
        cacheTtlMs: env.CONTAINER_CACHE_TTL * 1000,
        maxQueue: env.MAX_QUEUE,
        queueTimeoutMs: env.QUEUE_TIMEOUT_MS,
        heartbeatIntervalMs: env.HEARTBEAT_INTERVAL_MS,
      }),
    },
    {
      provide: HEARTBEAT_INTERVAL,
      inject: [GatewayEnv],
      useFactory: (env: GatewayEnv) => env.HEARTBEAT_INTERVAL_MS,
    },
    { provide: MANAGER_CLIENT, useClass: HttpManagerClient },
    { provide: FUNCTION_LIST, useExisting: MANAGER_CLIENT },
    { provide: UPSTREAM_INVOKER, useClass: UndiciUpstreamInvoker },
    ActivityLog,
    ContainerPool,
    FunctionInvoker,
    StreamingInvoker,
    HeartbeatService,
    KnownFunctions,
  ],
  exports: [
    FunctionInvoker,
    StreamingInvoker,
    KnownFunctions,
    MANAGER_CLIENT,
    MANAGER_CLIENT_SETTINGS,
  ],
})
export class InvocationModule {}
