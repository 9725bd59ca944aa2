import { createVerifiedTokenCache, LruMap } from './verified-token-cache';

describe('LruMap', () => {
  // Each step is `set:key` or `get:key`; capacity 3.
  it.each([
    ['keeps everything under capacity', ['set:a', 'set:b'], ['a', 'b']],
    [
      'drops the least recently used past capacity',
      ['set:a', 'set:b', 'set:c', 'set:d'],
      ['b', 'c', 'd'],
    ],
    [
      'a read makes an entry recent',
      ['set:a', 'set:b', 'set:c', 'get:a', 'set:d'],
      ['a', 'c', 'd'],
    ],
    [
      'a rewrite makes an entry recent',
      ['set:a', 'set:b', 'set:c', 'set:a', 'set:d'],
      ['a', 'c', 'd'],
    ],
  ])('%s', (_name, steps, kept) => {
    const map = new LruMap<number>(3);
    steps.forEach((step, index) => {
      const [action, key] = step.split(':');
      if (action === 'set') map.set(key, index);
      else map.get(key);
    });
    expect([...map.keys()].sort()).toEqual(kept);
  });
});

describe('createVerifiedTokenCache', () => {
  it('stores and forgets by cache-manager TTL and capacity', async () => {
    const cache = createVerifiedTokenCache(2);
    await cache.set('t1', { sub: 'a' }, 60_000);
    await cache.set('t2', { sub: 'b' }, 1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await cache.get('t1')).toEqual({ sub: 'a' });
    expect(await cache.get('t2')).toBeUndefined();
    await cache.set('t3', { sub: 'c' }, 60_000);
    await cache.set('t4', { sub: 'd' }, 60_000);
    expect(await cache.get('t1')).toBeUndefined();
    expect(await cache.get('t4')).toEqual({ sub: 'd' });
  });
});
