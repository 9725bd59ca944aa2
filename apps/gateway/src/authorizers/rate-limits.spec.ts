import { QuotaCounter, quotaPeriodStart, TokenBucket } from './rate-limits';

const T0 = Date.UTC(2026, 11, 4, 10, 0, 0); // Friday 4 Dec 2026, 10:00 UTC

describe('TokenBucket', () => {
  // Each step: [milliseconds after T0, expected answer of take()].
  it.each([
    [
      'a full bucket serves the burst, then throttles',
      { rateLimit: 1, burstLimit: 3 },
      [
        [0, true],
        [0, true],
        [0, true],
        [0, false],
      ],
    ],
    [
      'refills at the rate',
      { rateLimit: 2, burstLimit: 1 },
      [
        [0, true],
        [0, false],
        [499, false],
        [500, true],
        [500, false],
      ],
    ],
    [
      'never refills past the burst',
      { rateLimit: 10, burstLimit: 2 },
      [
        [0, true],
        [10_000, true],
        [10_000, true],
        [10_000, false],
      ],
    ],
    [
      'fractional rates accumulate',
      { rateLimit: 0.5, burstLimit: 1 },
      [
        [0, true],
        [1_000, false],
        [2_000, true],
      ],
    ],
    [
      'burst 0 always throttles',
      { rateLimit: 100, burstLimit: 0 },
      [
        [0, false],
        [5_000, false],
      ],
    ],
    [
      'a clock going back does not add tokens',
      { rateLimit: 1, burstLimit: 1 },
      [
        [1_000, true],
        [0, false],
      ],
    ],
  ])('%s', (_case, limits, steps) => {
    const bucket = new TokenBucket(limits, T0);
    expect(steps.map(([at]) => bucket.take(T0 + Number(at)))).toEqual(steps.map(([, ok]) => ok));
  });
});

describe('quotaPeriodStart', () => {
  it.each([
    ['DAY', T0, Date.UTC(2026, 11, 4)],
    ['WEEK', T0, Date.UTC(2026, 10, 30)], // Monday 30 Nov
    ['WEEK', Date.UTC(2026, 10, 30), Date.UTC(2026, 10, 30)],
    ['WEEK', Date.UTC(2026, 11, 6, 23, 59), Date.UTC(2026, 10, 30)], // Sunday still that week
    ['MONTH', T0, Date.UTC(2026, 11, 1)],
    ['MONTH', Date.UTC(2026, 0, 31, 23, 59), Date.UTC(2026, 0, 1)],
  ] as const)('%s of %d starts at %d', (period, now, start) => {
    expect(quotaPeriodStart(period, now)).toBe(start);
  });
});

describe('QuotaCounter', () => {
  it('allows the limit, refuses the next, recovers in the next period', () => {
    const quota = new QuotaCounter({ limit: 2, period: 'DAY' }, T0);
    const nextDay = Date.UTC(2026, 11, 5);
    expect(
      [T0, T0 + 1, T0 + 2, nextDay - 1, nextDay, nextDay + 1, nextDay + 2].map((t) =>
        quota.take(t),
      ),
    ).toEqual([true, true, false, false, true, true, false]);
  });

  it('counts the offset as used in the first period only', () => {
    const quota = new QuotaCounter({ limit: 3, period: 'MONTH', offset: 2 }, T0);
    expect(quota.remaining(T0)).toBe(1);
    expect([quota.take(T0), quota.take(T0)]).toEqual([true, false]);
    const nextMonth = Date.UTC(2027, 0, 1);
    expect(quota.remaining(nextMonth)).toBe(3);
    expect([1, 2, 3, 4].map(() => quota.take(nextMonth))).toEqual([true, true, true, false]);
  });
});
