/** Values the pool logic needs from the environment, resolved once. */
export const POOL_SETTINGS = Symbol('PoolSettings');

export interface PoolSettings {
  readyTimeoutMs: number;
  idleTimeoutMs: number;
  /** Idle this long → paused (the cool tier); 0 = never paused. */
  coolAfterMs: number;
  stoppedRetentionMs: number;
  instance: string;
  injected: Record<string, string>;
  /** The certificate (PEM file) functions trust for HTTPS calls to the Gateway (`FUNCTION_CA_FILE`). */
  caFile?: string;
  /** Running function containers this Manager allows, all functions together. */
  maxContainers: number;
}
