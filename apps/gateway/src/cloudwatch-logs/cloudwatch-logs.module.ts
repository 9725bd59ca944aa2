import { DynamicModule, Module } from '@nestjs/common';
import { GatewayEnv } from '../config/gateway-env';
import { RawBodyParsers } from '../http/raw-body-parsers';
import { InvokeAuthGuard } from '../invoke-api/invoke-auth.guard';
import { InvocationTraces } from '../invocation/invocation-traces';
import { CLOCK, SYSTEM_CLOCK } from '../invocation/ports';
import { CloudWatchLogsController } from './cloudwatch-logs.controller';
import { LOG_EVENT_WRITER, StdoutLogEventWriter } from './log-event-writer';
import { LogRegistry } from './log-registry';

/** Region shown in log group ARNs (the seed's region; ARNs are informational here). */
const ARN_REGION = 'ap-northeast-1';

/**
 * The CloudWatch Logs shim under `/cloudwatch-logs`. Self-contained: it provides what its guard
 * needs (the Gateway's env and clock) and the raw-body parsing SigV4 needs (idempotent when the
 * Gateway registers it too). `traces` ties events to the invocation that sent them.
 */
@Module({})
export class CloudWatchLogsModule {
  static register(env: GatewayEnv, traces = new InvocationTraces(SYSTEM_CLOCK)): DynamicModule {
    return {
      module: CloudWatchLogsModule,
      controllers: [CloudWatchLogsController],
      providers: [
        { provide: GatewayEnv, useValue: env },
        { provide: CLOCK, useValue: SYSTEM_CLOCK },
        { provide: InvocationTraces, useValue: traces },
        { provide: LogRegistry, useFactory: () => new LogRegistry(ARN_REGION) },
        { provide: LOG_EVENT_WRITER, useFactory: () => new StdoutLogEventWriter() },
        InvokeAuthGuard,
        RawBodyParsers,
      ],
    };
  }
}
