import { StringDecoder } from 'node:string_decoder';

/** Docker's multiplexed log stream: 8-byte header (stream type, 3 zero bytes, big-endian length). */
const HEADER_BYTES = 8;
const STREAM_TYPES = new Set([0, 1, 2]);

/** Text of one output stream, assembled into lines (UTF-8 and lines may be split across chunks). */
class LineAssembler {
  private readonly text = new StringDecoder('utf8');
  private partial = '';

  push(bytes: Buffer): string[] {
    const parts = (this.partial + this.text.write(bytes)).split('\n');
    this.partial = parts.pop() ?? '';
    return parts.map((line) => line.replace(/\r$/, '')).filter((line) => line.trim() !== '');
  }

  end(): string[] {
    const rest = this.partial + this.text.end();
    this.partial = '';
    return rest.trim() === '' ? [] : [rest];
  }
}

/**
 * Turns the chunks of a container's log stream into complete text lines. Containers without a TTY
 * send multiplexed frames (stdout and stderr interleaved, each assembled on its own); with a TTY
 * the stream is raw text. Chunks may split frames, characters and lines anywhere.
 */
export class LogLineDecoder {
  private pending = Buffer.alloc(0);
  private readonly streams = new Map<number, LineAssembler>();

  constructor(private readonly multiplexed: boolean) {}

  push(chunk: Buffer): string[] {
    if (!this.multiplexed) return this.stream(1).push(chunk);
    this.pending = Buffer.concat([this.pending, chunk]);
    const lines: string[] = [];
    let offset = 0;
    while (this.pending.length - offset >= HEADER_BYTES) {
      const type = this.pending[offset];
      if (!STREAM_TYPES.has(type)) throw new Error(`not a Docker log frame (type byte ${type})`);
      const length = this.pending.readUInt32BE(offset + 4);
      const start = offset + HEADER_BYTES;
      if (this.pending.length - start < length) break;
      lines.push(...this.stream(type).push(this.pending.subarray(start, start + length)));
      offset = start + length;
    }
    this.pending = this.pending.subarray(offset);
    return lines;
  }

  /** What is left once the stream ended (last lines without a newline). */
  end(): string[] {
    return [...this.streams.values()].flatMap((stream) => stream.end());
  }

  private stream(type: number): LineAssembler {
    let stream = this.streams.get(type);
    if (!stream) {
      stream = new LineAssembler();
      this.streams.set(type, stream);
    }
    return stream;
  }
}
