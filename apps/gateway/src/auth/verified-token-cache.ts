import { Cache, createCache } from 'cache-manager';
import { Keyv } from 'keyv';

/**
 * A Map with a size bound that forgets the least recently used entry first; Keyv accepts any
 * Map-shaped store, so this gives cache-manager an LRU in memory.
 */
export class LruMap<V> extends Map<string, V> {
  constructor(private readonly capacity: number) {
    super();
  }

  override get(key: string): V | undefined {
    const value = super.get(key);
    if (value !== undefined) {
      super.delete(key);
      super.set(key, value);
    }
    return value;
  }

  override set(key: string, value: V): this {
    super.delete(key);
    super.set(key, value);
    while (this.size > this.capacity) super.delete(this.keys().next().value as string);
    return this;
  }
}

/** cache-manager over a bounded in-memory LRU; entries also expire by their own TTL. */
export function createVerifiedTokenCache(capacity: number): Cache {
  return createCache({ stores: [new Keyv({ store: new LruMap<unknown>(capacity) })] });
}
