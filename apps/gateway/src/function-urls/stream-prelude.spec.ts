import { splitPrelude } from './stream-prelude';

const NULS = Buffer.alloc(8);
const bytes = (...parts: Array<string | Buffer>) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : part)));

describe('splitPrelude', () => {
  it.each([
    [
      'status, headers, cookies and the first body bytes',
      bytes('{"statusCode":201,"headers":{"x-a":"1","n":2},"cookies":["c=1"]}', NULS, 'body'),
      { statusCode: 201, headers: { 'x-a': ['1'], n: ['2'] }, cookies: ['c=1'] },
      'body',
    ],
    ['no statusCode is 200', bytes('{}', NULS), { statusCode: 200, headers: {}, cookies: [] }, ''],
  ])('%s', (_case, input, prelude, rest) => {
    const split = splitPrelude(input);
    expect(split).toEqual({ prelude, rest: Buffer.from(rest) });
  });

  it.each([
    ['no delimiter yet', bytes('{"statusCode":2'), 'pending'],
    ['not JSON', bytes('nope', NULS), 'invalid'],
    ['an array', bytes('[]', NULS), 'invalid'],
    ['a status outside 100-599', bytes('{"statusCode":99}', NULS), 'invalid'],
    ['no delimiter within 64 KB', Buffer.alloc(70 * 1024, 'a'), 'invalid'],
  ])('%s → %s', (_case, input, expected) => {
    expect(splitPrelude(input)).toBe(expected);
  });
});
