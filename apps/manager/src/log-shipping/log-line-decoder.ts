/** Docker's multiplexed log stream: 8-byte header (stream type, 3 zero bytes, big-endian length). */
const HEADER_BYTES = 8;
const STREAM_TYPES = new Set([0, 1, 2]);

/**
 * Turns the chunks of a container's log stream into complete text lines. Containers without a TTY
 * send multiplexed frames (stdout and stderr interleaved); with a TTY the stream is raw text.
 * Chunks may split frames and lines anywhere; the rest is kept until the next chunk.
 */
export class LogLineDecoder {
  private pending = Buffer.alloc(0);
  private partialLine = '';

  constructor(private readonly multiplexed: boolean) {}

  push(chunk: Buffer): string[] {
    this.pending = Buffer.concat([this.pending, chunk]);
    return this.splitLines(this.multiplexed ? this.takeFramePayloads() : this.takeAll());
  }

  /** Whatever is left once the stream ended (a last line without a newline). */
  end(): string[] {
    const rest = this.partialLine;
    this.partialLine = '';
    return rest.trim() === '' ? [] : [rest];
  }

  private takeAll(): string {
    const text = this.pending.toString('utf8');
    this.pending = Buffer.alloc(0);
    return text;
  }

  private takeFramePayloads(): string {
    const payloads: Buffer[] = [];
    let offset = 0;
    while (this.pending.length - offset >= HEADER_BYTES) {
      const type = this.pending[offset];
      if (!STREAM_TYPES.has(type)) throw new Error(`not a Docker log frame (type byte ${type})`);
      const length = this.pending.readUInt32BE(offset + 4);
      if (this.pending.length - offset - HEADER_BYTES < length) break;
      payloads.push(this.pending.subarray(offset + HEADER_BYTES, offset + HEADER_BYTES + length));
      offset += HEADER_BYTES + length;
    }
    this.pending = this.pending.subarray(offset);
    return Buffer.concat(payloads).toString('utf8');
  }

  private splitLines(text: string): string[] {
    const parts = (this.partialLine + text).split('\n');
    this.partialLine = parts.pop() ?? '';
    return parts.map((line) => line.replace(/\r$/, '')).filter((line) => line.trim() !== '');
  }
}
