import { LruMap } from '../auth/verified-token-cache';

interface Entry<V> {
  value: V;
  expiresAt: number;
}

/**
 * Authorizer answers by cache key (authorizer + identity values) until their TTL ends, on the
 * injected clock (so TTL arithmetic is tested without waiting). Bounded: the least recently used
 * identity is forgotten first.
 */
export class DecisionCache<V> {
  private readonly entries: LruMap<Entry<V>>;

  constructor(capacity: number) {
    this.entries = new LruMap<Entry<V>>(capacity);
  }

  get(key: string, now: number): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt > now) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  /** A TTL of 0 caches nothing (every request asks the authorizer). */
  set(key: string, value: V, ttlSeconds: number, now: number): void {
    if (ttlSeconds <= 0) return;
    this.entries.set(key, { value, expiresAt: now + ttlSeconds * 1000 });
  }

  clear(): void {
    this.entries.clear();
  }
}
