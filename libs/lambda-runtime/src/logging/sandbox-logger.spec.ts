import type { LambdaLogLevel, LogRecord } from './log-record';
import { passesLogLevel } from './log-record';
import type { LogSink } from './log-sink';
import { SandboxLogger } from './sandbox-logger';

class MemorySink implements LogSink {
  readonly records: LogRecord[] = [];
  write(record: LogRecord): void {
    this.records.push(record);
  }
}

describe('passesLogLevel', () => {
  it.each<[LambdaLogLevel, LambdaLogLevel, boolean]>([
    ['DEBUG', 'TRACE', true],
    ['DEBUG', 'DEBUG', true],
    ['DEBUG', 'INFO', false],
    ['INFO', 'INFO', true],
    ['WARN', 'INFO', true],
    ['INFO', 'ERROR', false],
    ['FATAL', 'ERROR', true],
  ])('%s at minimum %s → %s', (level, minimum, passes) => {
    expect(passesLogLevel(level, minimum)).toBe(passes);
  });
});

describe('SandboxLogger application log level (AWS_LAMBDA_LOG_LEVEL)', () => {
  const line = (level: string) =>
    JSON.stringify({ level, message: `${level} line`, requestId: 'r1' });

  it.each<[LambdaLogLevel, string[]]>([
    ['TRACE', ['DEBUG', 'INFO', 'ERROR']],
    ['DEBUG', ['DEBUG', 'INFO', 'ERROR']],
    ['INFO', ['INFO', 'ERROR']],
    ['ERROR', ['ERROR']],
  ])('at %s keeps the function lines %j; platform lines always stay', (minimum, kept) => {
    const sink = new MemorySink();
    const logger = new SandboxLogger(sink, 'fn', '$LATEST', () => new Date(0), minimum);
    for (const level of ['DEBUG', 'INFO', 'ERROR']) logger.runtimeLine(line(level), 'stdout');
    logger.start('r1');
    expect(sink.records.filter((r) => !r.type).map((r) => r.level)).toEqual(kept);
    expect(sink.records.filter((r) => r.type === 'platform.start')).toHaveLength(1);
  });
});
