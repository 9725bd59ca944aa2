import { passesLogLevel, type LambdaLogLevel, type LogRecord } from './log-record';
import type { LogSink } from './log-sink';
import { endLine, reportLine, startLine, type InvocationReport } from './platform-lines';
import { parseRuntimeOutput } from './runtime-output';

/** Turns runtime output and lifecycle events into the container's JSON log lines. */
export class SandboxLogger {
  constructor(
    private readonly sink: LogSink,
    private readonly functionName: string,
    private readonly functionVersion: string,
    private readonly now: () => Date = () => new Date(),
    /** Lambda's application log level (`AWS_LAMBDA_LOG_LEVEL`): the function's lines below it are dropped. */
    private readonly applicationLogLevel: LambdaLogLevel = 'TRACE',
  ) {}

  private write(
    level: LambdaLogLevel,
    message: string,
    requestId?: string,
    extra: Record<string, unknown> = {},
  ): void {
    const record: LogRecord = {
      timestamp: this.now().toISOString(),
      level,
      function: this.functionName,
      ...(requestId ? { requestId, request_id: requestId } : {}),
      message,
      ...extra,
    };
    this.sink.write(record);
  }

  /** A line the runtime client printed; lines without their own request id get the active one. */
  runtimeLine(line: string, stream: 'stdout' | 'stderr', activeRequestId?: string): void {
    const output = parseRuntimeOutput(line, stream);
    if (!passesLogLevel(output.level, this.applicationLogLevel)) return;
    this.write(output.level, output.message, output.requestId ?? activeRequestId);
  }

  sandbox(level: LambdaLogLevel, message: string, requestId?: string): void {
    this.write(level, message, requestId, { type: 'platform.runtime' });
  }

  start(requestId: string): void {
    this.write('INFO', startLine(requestId, this.functionVersion), requestId, {
      type: 'platform.start',
    });
  }

  endAndReport(report: InvocationReport): void {
    this.write('INFO', endLine(report.requestId), report.requestId, { type: 'platform.end' });
    this.write(report.status ? 'ERROR' : 'INFO', reportLine(report), report.requestId, {
      type: 'platform.report',
      metrics: {
        durationMs: Number(report.durationMs.toFixed(2)),
        maxMemoryUsedMB: report.maxMemoryUsedMb,
        ...(report.initDurationMs !== undefined
          ? { initDurationMs: Number(report.initDurationMs.toFixed(2)) }
          : {}),
      },
    });
  }
}
