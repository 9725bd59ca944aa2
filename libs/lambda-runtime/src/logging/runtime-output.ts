import { toLambdaLevel, type RuntimeOutput } from './log-record';

/**
 * Reads one line a runtime client wrote. Our clients write JSON `{level, message, requestId}`; any
 * other line (plain `print`, a crash trace) is taken as is: INFO from stdout, ERROR from stderr.
 */
export function parseRuntimeOutput(line: string, stream: 'stdout' | 'stderr'): RuntimeOutput {
  const fallback: RuntimeOutput = { level: stream === 'stderr' ? 'ERROR' : 'INFO', message: line };
  if (!line.startsWith('{')) return fallback;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return fallback;
  }
  if (typeof parsed !== 'object' || parsed === null) return fallback;
  const { level, message, requestId } = parsed as Record<string, unknown>;
  const lambdaLevel = toLambdaLevel(level);
  if (!lambdaLevel || typeof message !== 'string') return fallback;
  return typeof requestId === 'string' && requestId
    ? { level: lambdaLevel, message, requestId }
    : { level: lambdaLevel, message };
}

/** Longest line kept whole; longer output is cut into pieces of this size (as CloudWatch does). */
export const MAX_LINE_BYTES = 256 * 1024;

/** Splits a byte stream into lines, keeping a partial last line until the rest arrives. */
export class LineSplitter {
  private pending = '';

  constructor(private readonly maxLength = MAX_LINE_BYTES) {}

  push(chunk: Buffer | string): string[] {
    const text = this.pending + chunk.toString();
    const lines = text.split('\n');
    this.pending = lines.pop() ?? '';
    while (this.pending.length > this.maxLength) {
      lines.push(this.pending.slice(0, this.maxLength));
      this.pending = this.pending.slice(this.maxLength);
    }
    return lines.map((line) => line.replace(/\r$/, '')).filter((line) => line !== '');
  }

  /** The unterminated rest, when the stream ends. */
  flush(): string[] {
    const rest = this.pending;
    this.pending = '';
    return rest ? [rest] : [];
  }
}
