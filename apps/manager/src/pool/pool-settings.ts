/** Values the pool logic needs from the environment, resolved once. */
export const POOL_SETTINGS = Symbol('PoolSettings');

export interface PoolSettings {
  readyTimeoutMs: number;
  idleTimeoutMs: number;
  stoppedRetentionMs: number;
  instance: string;
  injected: Record<string, string>;
}
