import { LruMap } from './verified-token-cache';

export interface LoginAttemptLimits {
  /** Failed logins from one client within `windowMs` that lock it out. */
  maxFailures: number;
  windowMs: number;
  /** How long a locked-out client is refused (429), even with the right credentials. */
  lockoutMs: number;
}

interface ClientRecord {
  failures: number[];
  lockedUntil: number;
}

/** Clients remembered at once (the least recently seen forgotten first). */
const CLIENTS = 10_000;

/**
 * Failed logins per client (its address), on an injected clock: `maxFailures` within `windowMs`
 * lock the client out for `lockoutMs`; a successful login clears its record.
 */
export class LoginAttempts {
  private readonly clients = new LruMap<ClientRecord>(CLIENTS);

  constructor(private readonly limits: LoginAttemptLimits) {}

  /** Milliseconds the client must still wait; 0 when it may try. */
  lockedFor(client: string, now: number): number {
    const record = this.clients.get(client);
    return record && record.lockedUntil > now ? record.lockedUntil - now : 0;
  }

  /** Records a failure; true when it locked the client out. */
  failed(client: string, now: number): boolean {
    const record = this.clients.get(client) ?? { failures: [], lockedUntil: 0 };
    record.failures = record.failures.filter((at) => at > now - this.limits.windowMs);
    record.failures.push(now);
    const locks = record.failures.length >= this.limits.maxFailures;
    if (locks) {
      record.lockedUntil = now + this.limits.lockoutMs;
      record.failures = [];
    }
    this.clients.set(client, record);
    return locks;
  }

  succeeded(client: string): void {
    this.clients.delete(client);
  }
}
