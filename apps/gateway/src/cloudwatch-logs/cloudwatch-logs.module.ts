import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CloudWatchLogsController } from './cloudwatch-logs.controller';
import { LOG_EVENT_WRITER, StdoutLogEventWriter } from './log-event-writer';
import { LOG_ARN_REGION, LogRegistry } from './log-registry';

/** Region shown in log group ARNs (the seed's region; ARNs are informational here). */
const ARN_REGION = 'ap-northeast-1';

/**
 * The CloudWatch Logs shim under `/cloudwatch-logs`. Its guard comes from `AuthModule`; the
 * settings, clock, raw-body parsing and the invocation traces that tie events to the invocation
 * that sent them come from the global `CoreModule`. Exports nothing.
 */
@Module({
  imports: [AuthModule],
  controllers: [CloudWatchLogsController],
  providers: [
    { provide: LOG_ARN_REGION, useValue: ARN_REGION },
    LogRegistry,
    { provide: LOG_EVENT_WRITER, useClass: StdoutLogEventWriter },
  ],
})
export class CloudWatchLogsModule {}
