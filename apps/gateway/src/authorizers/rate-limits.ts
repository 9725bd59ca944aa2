import type { QuotaDefinition, ThrottleDefinition } from '@app/contracts';

/**
 * API Gateway's throttle: a token bucket of `burstLimit` tokens refilled at `rateLimit` per second.
 * Each request takes one token; an empty bucket is 429 "Too Many Requests". Time is injected
 * (epoch milliseconds), so the arithmetic is tested without waiting.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly limits: ThrottleDefinition,
    now: number,
  ) {
    this.tokens = limits.burstLimit;
    this.updatedAt = now;
  }

  /** Takes a token when one is left; false means throttled. */
  take(now: number): boolean {
    const elapsedSeconds = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(
      this.limits.burstLimit,
      this.tokens + elapsedSeconds * this.limits.rateLimit,
    );
    this.updatedAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

const DAY_MS = 86_400_000;

/**
 * Start of the quota period that contains `now`, in UTC: the day, the ISO week (from Monday) or
 * the calendar month.
 */
export function quotaPeriodStart(period: QuotaDefinition['period'], now: number): number {
  const date = new Date(now);
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  if (period === 'DAY') return midnight;
  if (period === 'WEEK') return midnight - ((date.getUTCDay() + 6) % 7) * DAY_MS;
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

/**
 * A usage plan's quota for one key: `limit` requests per period; `offset` requests count as used
 * in the first period (CloudFormation's `Offset`). Over the limit is 429 "Limit Exceeded" until
 * the next period starts.
 */
export class QuotaCounter {
  private periodStart: number;
  private used: number;

  constructor(
    private readonly quota: QuotaDefinition,
    now: number,
  ) {
    this.periodStart = quotaPeriodStart(quota.period, now);
    this.used = quota.offset ?? 0;
  }

  take(now: number): boolean {
    const start = quotaPeriodStart(this.quota.period, now);
    if (start !== this.periodStart) {
      this.periodStart = start;
      this.used = 0;
    }
    if (this.used >= this.quota.limit) return false;
    this.used += 1;
    return true;
  }

  remaining(now: number): number {
    const start = quotaPeriodStart(this.quota.period, now);
    return start !== this.periodStart
      ? this.quota.limit
      : Math.max(0, this.quota.limit - this.used);
  }
}
