import { readFileSync } from 'node:fs';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { loggingModule } from '@app/platform';
import { AuthModule } from './auth/auth.module';
import { CloudWatchLogsModule } from './cloudwatch-logs/cloudwatch-logs.module';
import { GatewayEnv } from './config/gateway-env';
import { CoreModule } from './core/core.module';
import { ApiGatewayExceptionFilter } from './http/api-gateway-exception.filter';
import { InvokeApiModule } from './invoke-api/invoke-api.module';
import { ObservabilityModule } from './observability/observability.module';
import { FunctionUrlsModule } from './function-urls/function-urls.module';
import { FunctionUrlTable, parseFunctionUrls } from './routing/function-url-table';
import { ProxyModule } from './proxy/proxy.module';
import { parseApiSettings } from './routing/api-settings';
import { RouteTable } from './routing/route-table';
import { parseRoutingFile } from './routing/routing-file';
import { RoutingModule } from './routing/routing.module';

/**
 * The Gateway: one feature module per concern (see docs/architecture.md, "Request pipeline").
 * `CoreModule` (settings, clock, traces, body parsing) and `RoutingModule` are global; the others
 * import what they use.
 */
@Module({})
export class GatewayModule {
  /** Reads the routing file at once: a missing or invalid one fails here, before Nest starts. */
  static register(env: GatewayEnv): DynamicModule {
    const text = readFileSync(env.ROUTING_FILE, 'utf8');
    const routes = new RouteTable(
      parseRoutingFile(text, env.ROUTING_FILE),
      parseApiSettings(text, env.ROUTING_FILE),
    );
    return {
      module: GatewayModule,
      imports: [
        loggingModule({ service: 'gateway', level: env.LOG_LEVEL, production: env.production }),
        CoreModule.register(env),
        RoutingModule.register(
          routes,
          new FunctionUrlTable(parseFunctionUrls(text, env.ROUTING_FILE)),
        ),
        ObservabilityModule,
        AuthModule,
        InvokeApiModule,
        CloudWatchLogsModule,
        FunctionUrlsModule,
        ProxyModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ApiGatewayExceptionFilter }],
    };
  }
}
