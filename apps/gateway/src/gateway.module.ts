import { readFileSync } from 'node:fs';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ConfigModule } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import { LivenessController, loggingModule } from '@app/platform';
import { BearerAuthGuard } from './auth/bearer-auth.guard';
import { JwtTokens } from './auth/jwt-tokens';
import { CloudWatchLogsModule } from './cloudwatch-logs/cloudwatch-logs.module';
import { LoginController } from './auth/login.controller';
import { GatewayEnv } from './config/gateway-env';
import { ApiGatewayExceptionFilter } from './http/api-gateway-exception.filter';
import { RawBodyParsers } from './http/raw-body-parsers';
import { ActivityLog } from './invocation/activity-log';
import { ContainerPool } from './invocation/container-pool';
import { FunctionInvoker } from './invocation/function-invoker';
import { HEARTBEAT_INTERVAL, HeartbeatService } from './invocation/heartbeat.service';
import { HttpManagerClient } from './invocation/http-manager-client';
import { InvocationTraces } from './invocation/invocation-traces';
import {
  CLOCK,
  type Clock,
  MANAGER_CLIENT,
  type ManagerClient,
  SYSTEM_CLOCK,
  UPSTREAM_INVOKER,
  type UpstreamInvoker,
} from './invocation/ports';
import { UndiciUpstreamInvoker } from './invocation/undici-upstream-invoker';
import { InvokeAuthGuard } from './invoke-api/invoke-auth.guard';
import { InvokeController } from './invoke-api/invoke.controller';
import { GatewayMetrics } from './observability/gateway-metrics';
import { MetricsController, RequestMetricsHook } from './observability/metrics.controller';
import { ReadinessController } from './observability/readiness.controller';
import { ProxyController } from './proxy/proxy.controller';
import { RouteTable } from './routing/route-table';
import { parseRoutingFile } from './routing/routing-file';
import { RoutesReloader } from './routing/routes-reloader';

@Module({})
export class GatewayModule {
  /** Reads the routing file at once: a missing or invalid one fails here, before Nest starts. */
  static register(env: GatewayEnv): DynamicModule {
    const routes = new RouteTable(
      parseRoutingFile(readFileSync(env.ROUTING_FILE, 'utf8'), env.ROUTING_FILE),
    );
    // Shared with the CloudWatch Logs shim, which attributes events to the invocation that sent them.
    const traces = new InvocationTraces(SYSTEM_CLOCK);
    return {
      module: GatewayModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => ({ ...env })] }),
        loggingModule({ service: 'gateway', level: env.LOG_LEVEL, production: env.production }),
        TerminusModule,
        CloudWatchLogsModule.register(env, traces),
      ],
      controllers: [
        LivenessController,
        ReadinessController,
        MetricsController,
        LoginController,
        InvokeController,
        ProxyController,
      ],
      providers: [
        { provide: GatewayEnv, useValue: env },
        { provide: CLOCK, useValue: SYSTEM_CLOCK },
        { provide: HEARTBEAT_INTERVAL, useValue: env.HEARTBEAT_INTERVAL_MS },
        { provide: APP_FILTER, useClass: ApiGatewayExceptionFilter },
        {
          provide: MANAGER_CLIENT,
          useFactory: () =>
            new HttpManagerClient({
              baseUrl: env.MANAGER_URL,
              token: env.MANAGER_TOKEN,
              timeoutMs: env.MANAGER_TIMEOUT_MS,
            }),
        },
        { provide: UPSTREAM_INVOKER, useFactory: () => new UndiciUpstreamInvoker() },
        { provide: RouteTable, useValue: routes },
        { provide: InvocationTraces, useValue: traces },
        RoutesReloader,
        {
          provide: JwtTokens,
          useFactory: () => new JwtTokens(env.JWT_SECRET_KEY, env.JWT_EXPIRES_DELTA),
        },
        {
          provide: ContainerPool,
          inject: [MANAGER_CLIENT, CLOCK],
          useFactory: (manager: ManagerClient, clock: Clock) =>
            new ContainerPool(manager, clock, {
              cacheTtlMs: env.CONTAINER_CACHE_TTL * 1000,
              maxQueue: env.MAX_QUEUE,
              queueTimeoutMs: env.QUEUE_TIMEOUT_MS,
            }),
        },
        {
          provide: FunctionInvoker,
          inject: [ContainerPool, UPSTREAM_INVOKER, ActivityLog, CLOCK, InvocationTraces],
          useFactory: (
            pool: ContainerPool,
            upstream: UpstreamInvoker,
            log: ActivityLog,
            clock: Clock,
            traces: InvocationTraces,
          ) => new FunctionInvoker(pool, upstream, log, clock, traces),
        },
        { provide: ActivityLog, useFactory: () => new ActivityLog() },
        { provide: GatewayMetrics, useFactory: () => new GatewayMetrics() },
        HeartbeatService,
        RawBodyParsers,
        RequestMetricsHook,
        BearerAuthGuard,
        InvokeAuthGuard,
      ],
    };
  }
}
