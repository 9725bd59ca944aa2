import type { LogRecord } from './log-record';
import type { LogSink } from './log-sink';

/** How much of an invocation's log `X-Amz-Log-Type: Tail` returns (Lambda's limit: the last 4 KB). */
export const LOG_TAIL_BYTES = 4096;

/**
 * A record as a line of Lambda's text log: platform lines as they are (`START RequestId: …`),
 * function lines as `<time>\t<request id>\t<LEVEL>\t<message>` (the node runtime's layout).
 */
export function textLogLine(record: LogRecord): string {
  if (record.type?.startsWith('platform.')) return record.message;
  return [record.timestamp, record.requestId ?? '', record.level, record.message].join('\t');
}

/** The last `maxBytes` of `text` in UTF-8, starting on a character boundary. */
export function utf8Tail(text: string, maxBytes: number): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  let start = Math.max(0, bytes.length - maxBytes);
  // Skip continuation bytes (10xxxxxx): the cut must not split a character.
  while (start < bytes.length && (bytes[start] & 0xc0) === 0x80) start += 1;
  return bytes.subarray(start);
}

/**
 * Passes every record on and, while an invocation asked for its log tail, keeps that invocation's
 * lines as text (only about the last `maxBytes`, however much it logs).
 */
export class LogTailRecorder implements LogSink {
  private recording?: { requestId: string; lines: string[]; bytes: number };

  constructor(
    private readonly inner: LogSink,
    private readonly maxBytes = LOG_TAIL_BYTES,
  ) {}

  write(record: LogRecord): void {
    this.inner.write(record);
    const recording = this.recording;
    if (!recording || record.requestId !== recording.requestId) return;
    const line = `${textLogLine(record)}\n`;
    recording.lines.push(line);
    recording.bytes += Buffer.byteLength(line);
    while (
      recording.lines.length > 1 &&
      recording.bytes - byteLength(recording.lines[0]) >= this.maxBytes
    )
      recording.bytes -= byteLength(recording.lines.shift() as string);
  }

  /** Starts keeping the lines of `requestId` (one invocation at a time). */
  start(requestId: string): void {
    this.recording = { requestId, lines: [], bytes: 0 };
  }

  /** Stops keeping lines; answers the last `maxBytes` of what `requestId` logged. */
  take(requestId: string): Buffer {
    const recording = this.recording;
    if (recording?.requestId !== requestId) return Buffer.alloc(0);
    this.recording = undefined;
    return utf8Tail(recording.lines.join(''), this.maxBytes);
  }
}

const byteLength = (line: string) => Buffer.byteLength(line);
