import type { LogRecord } from './log-record';

export interface LogSink {
  write(record: LogRecord): void;
}

/** One JSON object per line on the container's stdout, where Docker's log driver picks it up. */
export class StdoutLogSink implements LogSink {
  write(record: LogRecord): void {
    process.stdout.write(`${JSON.stringify(record)}\n`);
  }
}
