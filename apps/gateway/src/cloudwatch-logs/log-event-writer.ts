import { Injectable } from '@nestjs/common';
import type { LogEventLine } from './cloudwatch-logs-operations';

/** Where CloudWatch Logs events go: the log pipeline. */
export interface LogEventWriter {
  write(line: LogEventLine): void;
}
export const LOG_EVENT_WRITER = Symbol('LogEventWriter');

/**
 * Writes each event as one JSON line on the Gateway's stdout, beside its own log lines: the
 * Manager's log shipper reads them from there into VictoriaLogs (and without VictoriaLogs they stay
 * in `docker logs`). Events are function data, so the Gateway's LOG_LEVEL does not filter them.
 */
@Injectable()
export class StdoutLogEventWriter implements LogEventWriter {
  write(line: LogEventLine): void {
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}
