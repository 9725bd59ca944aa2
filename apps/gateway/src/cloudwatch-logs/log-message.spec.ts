import { escapeControlCharacters, hasControlCharacters, parseLogMessage } from './log-message';

const ID = '8f5a6b1c-1234-4abc-9def-0123456789ab';

describe('parseLogMessage', () => {
  it.each([
    ['[ERROR] disk full', { level: 'error', message: 'disk full' }],
    ['WARNING: slow', { level: 'warn', message: 'slow' }],
    ['debug - details', { level: 'debug', message: 'details' }],
    ['CRITICAL meltdown', { level: 'fatal', message: 'meltdown' }],
    ['[Info] mixed case', { level: 'info', message: 'mixed case' }],
    [
      `2026-11-28T10:00:00.000Z\t${ID}\tERROR\tnode style`,
      { level: 'error', requestId: ID, message: 'node style' },
    ],
    [
      `[WARNING]\t2026-11-28T10:00:00.123Z\t${ID}\tpython style\nsecond line`,
      { level: 'warn', requestId: ID, message: 'python style\nsecond line' },
    ],
    [
      '{"level":"ERROR","requestId":"r-1","msg":"json"}',
      {
        level: 'error',
        requestId: 'r-1',
        message: '{"level":"ERROR","requestId":"r-1","msg":"json"}',
      },
    ],
    [
      `2026-11-28T10:00:00.000Z\tcaller-id-7\tINFO\tthe Gateway's request id`,
      { level: 'info', requestId: 'caller-id-7', message: "the Gateway's request id" },
    ],
    ['{"levelname":"warning"}', { level: 'warn', message: '{"levelname":"warning"}' }],
    ['{"severity":"loud"}', { level: 'info', message: '{"severity":"loud"}' }],
    ['{not json', { level: 'info', message: '{not json' }],
    ['no level here', { level: 'info', message: 'no level here' }],
    ['ERRORS are not a level', { level: 'info', message: 'ERRORS are not a level' }],
    ['information', { level: 'info', message: 'information' }],
  ])('%j', (message, expected) => {
    expect(parseLogMessage(message)).toEqual(expected);
  });
});

describe('escapeControlCharacters', () => {
  it.each([
    ['plain text\twith a tab', 'plain text\twith a tab'],
    ['line one\nforged line', 'line one\\nforged line'],
    ['a\r\nb', 'a\\r\\nb'],
    ['\u001b[31mred\u001b[0m', '\\u001b[31mred\\u001b[0m'],
    ['nul\u0000 del\u007f c1\u009b', 'nul\\u0000 del\\u007f c1\\u009b'],
    ['sep\u2028par\u2029', 'sep\\u2028par\\u2029'],
    ['ünïcödé ✓', 'ünïcödé ✓'],
  ])('%j → %j', (text, expected) => {
    expect(escapeControlCharacters(text)).toBe(expected);
    expect(hasControlCharacters(text)).toBe(text !== expected);
  });
});
