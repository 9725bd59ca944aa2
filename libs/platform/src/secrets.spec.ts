import { secretsEqual } from './secrets';

describe('secretsEqual', () => {
  it.each([
    ['same secret', 'abc-123', 'abc-123', true],
    ['different secret of the same length', 'abc-124', 'abc-123', false],
    ['prefix of the secret', 'abc', 'abc-123', false],
    ['longer than the secret', 'abc-1234', 'abc-123', false],
    ['empty', '', 'abc-123', false],
    ['missing', undefined, 'abc-123', false],
    ['null', null, 'abc-123', false],
    ['unicode', 'pässwörd', 'pässwörd', true],
  ])('%s', (_name, presented, expected, result) => {
    expect(secretsEqual(presented, expected)).toBe(result);
  });
});
