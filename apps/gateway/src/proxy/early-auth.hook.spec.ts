import { headerCount } from './early-auth.hook';

describe('headerCount: occurrences of a header in node rawHeaders', () => {
  it.each([
    [[], 0],
    [['Authorization', 'Bearer a'], 1],
    [['authorization', 'Bearer a', 'AUTHORIZATION', 'Bearer b'], 2],
    [['x-authorization', 'a', 'Host', 'authorization'], 0],
  ])('%j → %d', (rawHeaders, count) => {
    expect(headerCount(rawHeaders, 'authorization')).toBe(count);
  });
});
