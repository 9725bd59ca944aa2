import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import { LivenessController, loggingModule } from '@app/platform';
import { GatewayEnv } from './config/gateway-env';

@Module({})
export class GatewayModule {
  static register(env: GatewayEnv): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => ({ ...env })] }),
        loggingModule({ service: 'gateway', level: env.LOG_LEVEL, production: env.production }),
        TerminusModule,
      ],
      controllers: [LivenessController],
      providers: [{ provide: GatewayEnv, useValue: env }],
    };
  }
}
