import { LogLineDecoder } from './log-line-decoder';

function frame(type: number, text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

function decodeAll(multiplexed: boolean, chunks: Buffer[]): string[] {
  const decoder = new LogLineDecoder(multiplexed);
  return [...chunks.flatMap((chunk) => decoder.push(chunk)), ...decoder.end()];
}

function splitEvery(buffer: Buffer, size: number): Buffer[] {
  const parts: Buffer[] = [];
  for (let offset = 0; offset < buffer.length; offset += size) {
    parts.push(buffer.subarray(offset, offset + size));
  }
  return parts;
}

describe('LogLineDecoder', () => {
  const stream = Buffer.concat([
    frame(1, '{"a":1}\n{"b":'),
    frame(2, 'stderr 日本\n'),
    frame(1, '2}\n'),
    frame(1, 'last without newline'),
  ]);
  const expected = ['{"a":1}', 'stderr 日本', '{"b":2}', 'last without newline'];

  it.each([1, 3, 8, 9, 1000])('multiplexed frames cut into %i-byte chunks', (size) => {
    expect(decodeAll(true, splitEvery(stream, size))).toEqual(expected);
  });

  it.each([
    ['raw text with CRLF', ['one\r\ntw', 'o\r\n'], ['one', 'two']],
    ['blank lines dropped', ['\n\n  \nx\n'], ['x']],
    [
      'multi-byte characters split across chunks',
      [Buffer.from('日本\n').subarray(0, 4), Buffer.from('日本\n').subarray(4)],
      ['日本'],
    ],
  ])('TTY stream: %s', (_name, chunks, lines) => {
    const buffers = chunks.map((chunk) => (Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)));
    const decoder = new LogLineDecoder(false);
    expect(buffers.flatMap((chunk) => decoder.push(chunk))).toEqual(lines);
  });

  it('rejects a stream that is not multiplexed when frames are expected', () => {
    expect(() =>
      new LogLineDecoder(true).push(Buffer.from('plain text that is long enough')),
    ).toThrow('not a Docker log frame');
  });
});
