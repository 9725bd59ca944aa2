import { DecisionCache } from './decision-cache';

describe('DecisionCache', () => {
  it.each([
    ['inside the TTL', 300, 299_999, 'answer'],
    ['at the end of the TTL', 300, 300_000, undefined],
    ['TTL 0 caches nothing', 0, 1, undefined],
  ])('%s', (_case, ttlSeconds, later, expected) => {
    const cache = new DecisionCache<string>(10);
    cache.set('k', 'answer', ttlSeconds, 0);
    expect(cache.get('k', later)).toBe(expected);
  });

  it('forgets the least recently used identity beyond its capacity', () => {
    const cache = new DecisionCache<string>(2);
    cache.set('a', 'A', 60, 0);
    cache.set('b', 'B', 60, 0);
    cache.get('a', 1);
    cache.set('c', 'C', 60, 0);
    expect([cache.get('a', 1), cache.get('b', 1), cache.get('c', 1)]).toEqual([
      'A',
      undefined,
      'C',
    ]);
  });
});
