import { rateUnitDisagrees, isKnownTimezone, parseScheduleExpression } from './schedule-expression';

const at = (iso: string): number => Date.parse(iso);

function fires(expression: string, from: string, count: number, timezone?: string): string[] {
  const parsed = parseScheduleExpression(expression, timezone, at(from));
  if (!parsed.ok) throw new Error(parsed.error);
  const out: string[] = [];
  let cursor = at(from);
  for (let i = 0; i < count; i++) {
    const next = parsed.timer.next(cursor);
    if (next === undefined) break;
    out.push(new Date(next).toISOString().replace('.000', ''));
    cursor = next;
  }
  return out;
}

describe('parseScheduleExpression: next fire times', () => {
  it.each<[string, string, string | undefined, string[]]>([
    [
      'rate(1 minute)',
      '2026-01-01T00:00:30Z',
      undefined,
      ['2026-01-01T00:01:30Z', '2026-01-01T00:02:30Z'],
    ],
    [
      'rate(5 minutes)',
      '2026-01-01T00:00:00Z',
      undefined,
      ['2026-01-01T00:05:00Z', '2026-01-01T00:10:00Z'],
    ],
    [
      'rate(2 hours)',
      '2026-01-01T00:00:00Z',
      undefined,
      ['2026-01-01T02:00:00Z', '2026-01-01T04:00:00Z'],
    ],
    [
      'rate(1 day)',
      '2026-01-01T00:00:00Z',
      'Europe/Berlin',
      ['2026-01-02T00:00:00Z', '2026-01-03T00:00:00Z'],
    ],
    [
      'cron(0 10 * * ? *)',
      '2026-01-01T00:00:00Z',
      undefined,
      ['2026-01-01T10:00:00Z', '2026-01-02T10:00:00Z'],
    ],
    ['cron(15 12 * * ? *)', '2026-01-01T12:15:00Z', undefined, ['2026-01-02T12:15:00Z']],
    [
      'cron(0/15 * * * ? *)',
      '2026-01-01T00:07:00Z',
      undefined,
      [
        '2026-01-01T00:15:00Z',
        '2026-01-01T00:30:00Z',
        '2026-01-01T00:45:00Z',
        '2026-01-01T01:00:00Z',
      ],
    ],
    [
      'cron(0 8-10 ? * MON-FRI *)',
      '2026-01-02T09:30:00Z',
      undefined,
      ['2026-01-02T10:00:00Z', '2026-01-05T08:00:00Z'],
    ],
    // AWS numbers days 1 (SUN) … 7 (SAT)
    [
      'cron(0 12 ? * 2 *)',
      '2026-01-01T00:00:00Z',
      undefined,
      ['2026-01-05T12:00:00Z', '2026-01-12T12:00:00Z'],
    ],
    [
      'cron(0 12 ? * 1,7 *)',
      '2026-01-01T00:00:00Z',
      undefined,
      ['2026-01-03T12:00:00Z', '2026-01-04T12:00:00Z'],
    ],
    ['cron(0 18 ? * 2-6 *)', '2026-01-02T19:00:00Z', undefined, ['2026-01-05T18:00:00Z']],
    [
      'cron(0 10 ? * 2/2 *)',
      '2026-01-01T00:00:00Z',
      undefined,
      ['2026-01-02T10:00:00Z', '2026-01-05T10:00:00Z'],
    ],
    // L, W, #
    [
      'cron(0 10 L * ? *)',
      '2026-01-01T00:00:00Z',
      undefined,
      ['2026-01-31T10:00:00Z', '2026-02-28T10:00:00Z', '2026-03-31T10:00:00Z'],
    ],
    ['cron(0 10 L 2 ? *)', '2027-06-01T00:00:00Z', undefined, ['2028-02-29T10:00:00Z']],
    [
      'cron(0 10 15W * ? *)',
      '2026-02-01T00:00:00Z',
      undefined,
      ['2026-02-16T10:00:00Z', '2026-03-16T10:00:00Z', '2026-04-15T10:00:00Z'],
    ],
    [
      'cron(0 10 1W * ? *)',
      '2026-02-01T00:00:00Z',
      undefined,
      ['2026-02-02T10:00:00Z', '2026-03-02T10:00:00Z'],
    ],
    [
      'cron(0 10 LW * ? *)',
      '2026-01-01T00:00:00Z',
      undefined,
      ['2026-01-30T10:00:00Z', '2026-02-27T10:00:00Z'],
    ],
    [
      'cron(0 10 ? * 6#3 *)',
      '2026-01-01T00:00:00Z',
      undefined,
      ['2026-01-16T10:00:00Z', '2026-02-20T10:00:00Z'],
    ],
    [
      'cron(0 10 ? * MON#1 *)',
      '2026-01-01T00:00:00Z',
      undefined,
      ['2026-01-05T10:00:00Z', '2026-02-02T10:00:00Z'],
    ],
    [
      'cron(0 10 ? * 6L *)',
      '2026-01-01T00:00:00Z',
      undefined,
      ['2026-01-30T10:00:00Z', '2026-02-27T10:00:00Z'],
    ],
    [
      'cron(0 10 ? * L *)',
      '2026-01-01T00:00:00Z',
      undefined,
      ['2026-01-03T10:00:00Z', '2026-01-10T10:00:00Z'],
    ],
    // months, years
    [
      'cron(0 0 1 JAN,JUL ? *)',
      '2026-01-01T00:00:00Z',
      undefined,
      ['2026-07-01T00:00:00Z', '2027-01-01T00:00:00Z'],
    ],
    [
      'cron(0 0 1 1/6 ? *)',
      '2026-01-01T00:00:00Z',
      undefined,
      ['2026-07-01T00:00:00Z', '2027-01-01T00:00:00Z'],
    ],
    ['cron(0 0 1 1 ? 2030)', '2026-01-01T00:00:00Z', undefined, ['2030-01-01T00:00:00Z']],
    ['cron(0 0 1 1 ? 2028-2030)', '2029-06-01T00:00:00Z', undefined, ['2030-01-01T00:00:00Z']],
    [
      'cron(0 0 1 1 ? 2026/4)',
      '2026-06-01T00:00:00Z',
      undefined,
      ['2030-01-01T00:00:00Z', '2034-01-01T00:00:00Z'],
    ],
    ['cron(0 0 1 1 ? 2026)', '2026-06-01T00:00:00Z', undefined, []],
    // timezones and DST (Berlin: 2026-03-29 02:00 → 03:00, 2026-10-25 03:00 → 02:00)
    [
      'cron(0 9 * * ? *)',
      '2026-03-28T00:00:00Z',
      'Europe/Berlin',
      ['2026-03-28T08:00:00Z', '2026-03-29T07:00:00Z'],
    ],
    [
      'cron(0 9 * * ? *)',
      '2026-10-24T00:00:00Z',
      'Europe/Berlin',
      ['2026-10-24T07:00:00Z', '2026-10-25T08:00:00Z'],
    ],
    [
      'cron(30 2 * * ? *)',
      '2026-03-28T00:00:00Z',
      'Europe/Berlin',
      ['2026-03-28T01:30:00Z', '2026-03-30T00:30:00Z'],
    ],
    // fall back: 02:30 happens twice on 2026-10-25; AWS runs once
    [
      'cron(30 2 * * ? *)',
      '2026-10-24T12:00:00Z',
      'Europe/Berlin',
      ['2026-10-25T00:30:00Z', '2026-10-26T01:30:00Z'],
    ],
    [
      'cron(0 * * * ? *)',
      '2026-03-29T00:30:00Z',
      'Europe/Berlin',
      ['2026-03-29T01:00:00Z', '2026-03-29T02:00:00Z'],
    ],
    ['cron(0 0 * * ? *)', '2026-01-01T00:00:00Z', 'Asia/Tokyo', ['2026-01-01T15:00:00Z']],
    [
      'cron(0 9 * * ? *)',
      '2026-03-07T00:00:00Z',
      'America/New_York',
      ['2026-03-07T14:00:00Z', '2026-03-08T13:00:00Z'],
    ],
    ['cron(0 0 1 1 ? 2027)', '2026-06-01T00:00:00Z', 'Asia/Tokyo', ['2026-12-31T15:00:00Z']],
    // one-time (Scheduler)
    ['at(2026-05-01T12:00:00)', '2026-01-01T00:00:00Z', undefined, ['2026-05-01T12:00:00Z']],
    ['at(2026-05-01T12:00:00)', '2026-01-01T00:00:00Z', 'Asia/Tokyo', ['2026-05-01T03:00:00Z']],
    ['at(2026-05-01T12:00:00)', '2026-06-01T00:00:00Z', undefined, []],
  ])('%s from %s in %s', (expression, from, timezone, expected) => {
    expect(
      fires(expression, from, expected.length + 1, timezone).slice(0, Math.max(expected.length, 1)),
    ).toEqual(expected.length ? expected : []);
  });
});

describe('parseScheduleExpression: bad input', () => {
  it.each<[string, string | undefined, RegExp]>([
    ['every 5 minutes', undefined, /must be rate\(\.\.\.\), cron\(\.\.\.\) or at\(\.\.\.\)/],
    ['rate(5 minute)', undefined, /'minutes' otherwise/],
    ['rate(1 minutes)', undefined, /use 'minute' for 1/],
    ['rate(0 minutes)', undefined, /positive integer/],
    ['rate(5 weeks)', undefined, /rate must be/],
    ['rate(-1 minutes)', undefined, /rate must be/],
    ['cron(0 10 * * *)', undefined, /six fields/],
    ['cron(0 10 * * * *)', undefined, /exactly one of day-of-month and day-of-week must be \?/],
    ['cron(0 10 ? * ? *)', undefined, /exactly one/],
    ['cron(61 10 * * ? *)', undefined, /invalid schedule expression/],
    ['cron(0 25 * * ? *)', undefined, /invalid schedule expression/],
    ['cron(0 10 32 * ? *)', undefined, /invalid schedule expression/],
    ['cron(0 10 * 13 ? *)', undefined, /invalid schedule expression/],
    ['cron(0 10 * * ? 1969)', undefined, /year '1969'/],
    ['cron(0 10 * * ? abc)', undefined, /invalid year/],
    ['at(2026-05-01 12:00)', undefined, /at\(yyyy-mm-ddThh:mm:ss\)/],
    [
      'at(2026-13-01T00:00:00)',
      undefined,
      /invalid date in at\(2026-13-01T00:00:00\): no such day/,
    ],
    ['cron(0 10 * * ? *)', 'Mars/Olympus_Mons', /unknown timezone 'Mars\/Olympus_Mons'/],
  ])('%s (%s) → error', (expression, timezone, message) => {
    const parsed = parseScheduleExpression(expression, timezone);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });

  it.each<[string, boolean]>([
    ['rate(5 minute)', true],
    ['rate(1 hours)', true],
    ['rate(5 minutes)', false],
    ['rate(1 day)', false],
    ['cron(0 10 * * ? *)', false],
  ])(
    'EventBridge Scheduler takes %s (unit disagrees: %s) where a rule refuses it',
    (expression, disagrees) => {
      expect(rateUnitDisagrees(expression)).toBe(disagrees);
      expect(parseScheduleExpression(expression, 'UTC', 0, 'scheduler').ok).toBe(true);
      expect(parseScheduleExpression(expression, 'UTC', 0, 'rule').ok).toBe(!disagrees);
    },
  );

  it('runs a Scheduler rate(5 minute) every 5 minutes', () => {
    const parsed = parseScheduleExpression('rate(5 minute)', 'UTC', 0, 'scheduler');
    expect(parsed.ok && parsed.timer.next(0)).toBe(300_000);
  });

  it('knows IANA timezones', () => {
    expect(isKnownTimezone('Europe/Berlin')).toBe(true);
    expect(isKnownTimezone('UTC')).toBe(true);
    expect(isKnownTimezone('Europe/Atlantis')).toBe(false);
  });
});
