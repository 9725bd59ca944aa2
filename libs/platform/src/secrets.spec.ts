import { invokeTokenFor, secretsEqual } from './secrets';

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

describe('invokeTokenFor', () => {
  it('is the HMAC-SHA256 of "onpre-invoke:<name>" under the shared secret', () => {
    // printf 'onpre-invoke:echo' | openssl dgst -sha256 -hmac 'manager-token-0123'
    expect(invokeTokenFor('manager-token-0123', 'echo')).toBe(
      'ce746775462c7e4e294361f0d4faf77ad27a5a31ed4be2178a9d455f3b5dab6f',
    );
  });

  it.each([
    ['another function', 'manager-token-0123', 'other'],
    ['another secret', 'manager-token-4567', 'echo'],
  ])('differs for %s', (_case, secret, name) => {
    expect(invokeTokenFor(secret, name)).not.toBe(invokeTokenFor('manager-token-0123', 'echo'));
  });
});
