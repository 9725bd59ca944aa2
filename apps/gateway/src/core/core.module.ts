import { DynamicModule, Module } from '@nestjs/common';
import { CLOCK, SystemClock } from '@app/platform';
import { GatewayEnv } from '../config/gateway-env';
import { InvocationTraces } from './invocation-traces';
import { RawBodyParsers } from './raw-body-parsers';

/**
 * What every Gateway feature uses: the validated settings (`GatewayEnv`), the clock, the
 * invocation traces (shared by the invoker and the CloudWatch Logs shim) and the raw-body parsing.
 * Global, registered once by `GatewayModule`.
 */
@Module({})
export class CoreModule {
  static register(env: GatewayEnv): DynamicModule {
    return {
      module: CoreModule,
      global: true,
      providers: [
        { provide: GatewayEnv, useValue: env },
        { provide: CLOCK, useClass: SystemClock },
        InvocationTraces,
        RawBodyParsers,
      ],
      exports: [GatewayEnv, CLOCK, InvocationTraces],
    };
  }
}
