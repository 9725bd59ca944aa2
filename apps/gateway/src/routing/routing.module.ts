import { DynamicModule, Module } from '@nestjs/common';
import { RouteTable } from './route-table';
import { RoutesReloader } from './routes-reloader';

/**
 * Routing: the route table read from `routing.yml` (parsed before Nest starts, so a bad file fails
 * the start) and its reloader. Façade: `RouteTable`. Global, registered once by `GatewayModule`.
 */
@Module({})
export class RoutingModule {
  static register(routes: RouteTable): DynamicModule {
    return {
      module: RoutingModule,
      global: true,
      providers: [{ provide: RouteTable, useValue: routes }, RoutesReloader],
      exports: [RouteTable],
    };
  }
}
