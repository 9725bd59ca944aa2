import { toLambdaLevel } from './log-record';
import { LineSplitter, parseRuntimeOutput } from './runtime-output';

describe('parseRuntimeOutput', () => {
  it.each([
    ['plain stdout', 'hello', 'stdout', { level: 'INFO', message: 'hello' }],
    [
      'plain stderr',
      'Traceback (most recent call last):',
      'stderr',
      {
        level: 'ERROR',
        message: 'Traceback (most recent call last):',
      },
    ],
    [
      'a client line',
      '{"level":"WARN","message":"careful","requestId":"r1"}',
      'stdout',
      {
        level: 'WARN',
        message: 'careful',
        requestId: 'r1',
      },
    ],
    [
      'python level names',
      '{"level":"WARNING","message":"w"}',
      'stdout',
      {
        level: 'WARN',
        message: 'w',
      },
    ],
    ['JSON without a level', '{"a":1}', 'stdout', { level: 'INFO', message: '{"a":1}' }],
    [
      'JSON with an unknown level',
      '{"level":"LOUD","message":"x"}',
      'stdout',
      {
        level: 'INFO',
        message: '{"level":"LOUD","message":"x"}',
      },
    ],
    ['broken JSON', '{"level":', 'stderr', { level: 'ERROR', message: '{"level":' }],
    ['a JSON array', '[1,2]', 'stdout', { level: 'INFO', message: '[1,2]' }],
    ['JSON null', 'null', 'stdout', { level: 'INFO', message: 'null' }],
  ] as const)('reads %s', (_name, line, stream, expected) => {
    expect(parseRuntimeOutput(line, stream)).toEqual(expected);
  });
});

describe('toLambdaLevel', () => {
  it.each([
    ['info', 'INFO'],
    ['Warning', 'WARN'],
    ['CRITICAL', 'FATAL'],
    ['debug', 'DEBUG'],
    ['nope', undefined],
    [3, undefined],
  ])('%p → %p', (input, level) => {
    expect(toLambdaLevel(input)).toBe(level);
  });
});

describe('LineSplitter', () => {
  it('joins lines split across chunks and drops empty ones', () => {
    const splitter = new LineSplitter();
    expect(splitter.push('first\nsec')).toEqual(['first']);
    expect(splitter.push('ond\r\n\nthird')).toEqual(['second']);
    expect(splitter.flush()).toEqual(['third']);
    expect(splitter.flush()).toEqual([]);
  });

  it('cuts a line longer than the limit', () => {
    const splitter = new LineSplitter(4);
    expect(splitter.push('abcdefghij')).toEqual(['abcd', 'efgh']);
    expect(splitter.push('\n')).toEqual(['ij']);
  });
});
