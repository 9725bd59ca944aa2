import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import { LivenessController, loggingModule } from '@app/platform';
import { ManagerEnv } from './config/manager-env';

@Module({})
export class ManagerModule {
  static register(env: ManagerEnv): DynamicModule {
    return {
      module: ManagerModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => ({ ...env })] }),
        loggingModule({ service: 'manager', level: env.LOG_LEVEL, production: env.production }),
        TerminusModule,
      ],
      controllers: [LivenessController],
      providers: [{ provide: ManagerEnv, useValue: env }],
    };
  }
}
