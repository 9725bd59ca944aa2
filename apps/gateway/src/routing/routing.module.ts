import { DynamicModule, Module } from '@nestjs/common';
import { FunctionUrlTable } from './function-url-table';
import { RouteTable } from './route-table';
import { RoutesReloader } from './routes-reloader';

/**
 * Routing: the route table read from `routing.yml` (parsed before Nest starts, so a bad file fails
 * the start) and its reloader. Façade: `RouteTable` (and the function URLs' `FunctionUrlTable`, same file). Global, registered once by `GatewayModule`.
 */
@Module({})
export class RoutingModule {
  static register(routes: RouteTable, functionUrls = new FunctionUrlTable()): DynamicModule {
    return {
      module: RoutingModule,
      global: true,
      providers: [
        { provide: RouteTable, useValue: routes },
        { provide: FunctionUrlTable, useValue: functionUrls },
        RoutesReloader,
      ],
      exports: [RouteTable, FunctionUrlTable],
    };
  }
}
