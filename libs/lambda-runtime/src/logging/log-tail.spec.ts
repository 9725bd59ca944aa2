import type { LogRecord } from './log-record';
import { LogTailRecorder, textLogLine, utf8Tail } from './log-tail';

const record = (fields: Partial<LogRecord>): LogRecord => ({
  timestamp: '2026-11-28T10:00:00.000Z',
  level: 'INFO',
  function: 'fn',
  message: 'hello',
  ...fields,
});

describe('textLogLine', () => {
  it.each([
    [
      'a platform line as it is',
      record({
        type: 'platform.start',
        message: 'START RequestId: r1 Version: $LATEST',
        requestId: 'r1',
      }),
      'START RequestId: r1 Version: $LATEST',
    ],
    [
      'a function line in the node layout',
      record({ requestId: 'r1', level: 'WARN', message: 'slow' }),
      '2026-11-28T10:00:00.000Z\tr1\tWARN\tslow',
    ],
    [
      'a line without a request id',
      record({ message: 'init' }),
      '2026-11-28T10:00:00.000Z\t\tINFO\tinit',
    ],
  ])('%s', (_name, input, expected) => {
    expect(textLogLine(input)).toBe(expected);
  });
});

describe('utf8Tail', () => {
  it.each([
    ['short text whole', 'abc', 10, 'abc'],
    ['the last bytes of ASCII', 'abcdef', 3, 'def'],
    ['no split character at the cut (é is 2 bytes)', 'aéb', 2, 'b'],
    ['a whole character when it fits', 'aéb', 3, 'éb'],
    ['nothing for nothing', '', 4, ''],
  ])('%s', (_name, text, max, expected) => {
    expect(utf8Tail(text, max).toString('utf8')).toBe(expected);
  });
});

describe('LogTailRecorder', () => {
  const written: LogRecord[] = [];
  const sink = { write: (r: LogRecord) => written.push(r) };

  it('passes every record on and keeps only the recorded invocation, as text', () => {
    const tail = new LogTailRecorder(sink, 4096);
    tail.write(record({ requestId: 'before' }));
    tail.start('r1');
    tail.write(record({ requestId: 'r1', message: 'one' }));
    tail.write(record({ requestId: 'other', message: 'not mine' }));
    tail.write(record({ requestId: 'r1', type: 'platform.end', message: 'END RequestId: r1' }));
    expect(tail.take('r1').toString()).toBe(
      '2026-11-28T10:00:00.000Z\tr1\tINFO\tone\nEND RequestId: r1\n',
    );
    expect(written).toHaveLength(4);
    expect(tail.take('r1').length).toBe(0);
  });

  it('keeps about the last maxBytes however much is logged, and answers exactly the last maxBytes', () => {
    const tail = new LogTailRecorder(sink, 64);
    tail.start('r2');
    for (let i = 0; i < 1000; i++)
      tail.write(record({ requestId: 'r2', type: 'platform.x', message: `line ${i}` }));
    const text = tail.take('r2').toString();
    expect(Buffer.byteLength(text)).toBe(64);
    expect(text.endsWith('line 998\nline 999\n')).toBe(true);
  });

  it('answers nothing for another request id and keeps recording', () => {
    const tail = new LogTailRecorder(sink);
    tail.start('r3');
    expect(tail.take('r4').length).toBe(0);
    tail.write(record({ requestId: 'r3', type: 'platform.x', message: 'still' }));
    expect(tail.take('r3').toString()).toBe('still\n');
  });
});
