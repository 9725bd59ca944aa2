import { Cron } from 'croner';

/**
 * EventBridge / EventBridge Scheduler schedule expressions: `rate(5 minutes)`, AWS's six-field
 * `cron(min hour day-of-month month day-of-week year)` and Scheduler's one-time `at(...)`, in an
 * IANA timezone (default UTC). The calendar work (L, W, #, DST) is croner's; this file only turns
 * AWS's dialect into croner's (see docs/schedules.md for the differences handled here).
 */
export interface ScheduleTimer {
  /** The first fire time strictly after `after` (ms since the epoch); `undefined` when none is left. */
  next(after: number): number | undefined;
}

export type ScheduleParse = { ok: true; timer: ScheduleTimer } | { ok: false; error: string };

const RATE_UNITS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
const LAST_YEAR = 2199;

/** True when `name` is an IANA timezone this Node.js knows (`UTC` included). */
export function isKnownTimezone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** `rate(value unit)`: value a positive integer, unit singular exactly when value is 1 (as AWS). */
/**
 * Whose rules apply: EventBridge rules refuse a unit that disagrees with the value
 * (`rate(5 minute)`, eb-rate-expressions: "rate(1 hours) and rate(5 hour) aren't valid");
 * EventBridge Scheduler documents only "a positive integer and a unit: minute | minutes | …", and
 * AWS's own serverless-patterns sample deploys `rate(5 minute)` there, so it is taken as 5 minutes.
 */
export type ScheduleDialect = 'rule' | 'scheduler';

/** `rate(5 minute)`, `rate(1 hours)`: the unit's number disagrees with the value. */
export function rateUnitDisagrees(expression: string): boolean {
  const match = /^rate\(\s*(\d+) (minute|minutes|hour|hours|day|days)\s*\)$/.exec(
    expression.trim(),
  );
  return match !== null && (Number(match[1]) === 1) !== !match[2].endsWith('s');
}

function parseRate(body: string, anchor: number, dialect: ScheduleDialect): ScheduleParse {
  const match = /^(\d+) (minute|minutes|hour|hours|day|days)$/.exec(body.trim());
  if (!match)
    return { ok: false, error: 'rate must be rate(<value> minute|minutes|hour|hours|day|days)' };
  const value = Number(match[1]);
  const unit = match[2];
  if (value < 1) return { ok: false, error: 'rate value must be a positive integer' };
  if (dialect === 'rule' && (value === 1) !== !unit.endsWith('s'))
    return {
      ok: false,
      error: `rate(${body.trim()}): use '${unit.replace(/s$/, '')}' for 1 and '${unit.replace(/s?$/, 's')}' otherwise`,
    };
  const everyMs = value * RATE_UNITS[unit.replace(/s$/, '')];
  return {
    ok: true,
    timer: { next: (after) => anchor + (Math.floor((after - anchor) / everyMs) + 1) * everyMs },
  };
}

/** `a/n` (start with step, AWS and Quartz) → croner's `a-max/n`. */
function withRange(token: string, max: number): string {
  return token.replace(/^(\d+)\/(\d+)$/, `$1-${max}/$2`);
}

const shiftDay = (value: string): string =>
  /^\d+$/.test(value) ? String(Number(value) - 1) : value;

/** AWS numbers days of the week 1 (SUN) – 7 (SAT); croner 0 (SUN) – 6 (SAT). `L` alone is SAT. */
function dayOfWeekToken(token: string): string {
  if (token === '?') return '*';
  if (token === 'L') return '6';
  const stepped = /^(\*|[^/]+)\/(\d+)$/.exec(token);
  if (stepped) {
    const range =
      stepped[1] === '*' ? '0-6' : stepped[1].includes('-') ? stepped[1] : `${stepped[1]}-7`;
    return `${range.split('-').map(shiftDay).join('-')}/${stepped[2]}`;
  }
  const special = /^([^#L]+)(#\d+|L)$/.exec(token);
  if (special) return `${shiftDay(special[1])}${special[2]}`;
  return token.split('-').map(shiftDay).join('-');
}

function yearMatcher(field: string): ((year: number) => boolean) | string {
  if (field === '*' || field === '?') return () => true;
  const parts: Array<(year: number) => boolean> = [];
  for (const token of field.split(',')) {
    const match = /^(\*|\d{4})(?:-(\d{4}))?(?:\/(\d+))?$/.exec(token);
    if (!match) return `invalid year '${token}'`;
    const from = match[1] === '*' ? 1970 : Number(match[1]);
    const to = match[2] ? Number(match[2]) : match[3] || match[1] === '*' ? LAST_YEAR : from;
    const step = match[3] ? Number(match[3]) : 1;
    if (from < 1970 || to > LAST_YEAR || from > to || step < 1)
      return `year '${token}' must lie within 1970-${LAST_YEAR}`;
    parts.push((year) => year >= from && year <= to && (year - from) % step === 0);
  }
  return (year) => parts.some((part) => part(year));
}

function yearIn(instant: Date, timezone: string): number {
  return Number(
    new Intl.DateTimeFormat('en-US', { timeZone: timezone, year: 'numeric' }).format(instant),
  );
}

function parseCron(body: string, timezone: string): ScheduleParse {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6)
    return {
      ok: false,
      error: 'cron needs six fields: minutes hours day-of-month month day-of-week year',
    };
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields;
  if ((dayOfMonth === '?') === (dayOfWeek === '?'))
    return { ok: false, error: 'exactly one of day-of-month and day-of-week must be ?' };
  const years = yearMatcher(year);
  if (typeof years === 'string') return { ok: false, error: years };
  const pattern = [
    minutes
      .split(',')
      .map((t) => withRange(t, 59))
      .join(','),
    hours
      .split(',')
      .map((t) => withRange(t, 23))
      .join(','),
    dayOfMonth === '?'
      ? '*'
      : dayOfMonth
          .split(',')
          .map((t) => withRange(t, 31))
          .join(','),
    month
      .split(',')
      .map((t) => withRange(t, 12))
      .join(','),
    dayOfWeek.split(',').map(dayOfWeekToken).join(','),
  ].join(' ');
  let cron: Cron;
  try {
    cron = new Cron(pattern, { timezone, paused: true });
  } catch (error) {
    return { ok: false, error: (error as Error).message.replace(/^CronPattern: /, '') };
  }
  const newYear = new Cron('0 0 1 1 *', { timezone, paused: true });
  const next = (after: number): number | undefined => {
    let from = new Date(after);
    for (let guard = 0; guard < 2 * (LAST_YEAR - 1970); guard++) {
      const candidate = cron.nextRun(from);
      if (!candidate) return undefined;
      const candidateYear = yearIn(candidate, timezone);
      if (candidateYear > LAST_YEAR) return undefined;
      // A local time the DST change skipped is shifted by croner; AWS skips that run instead.
      if (!cron.match(candidate)) {
        from = candidate;
        continue;
      }
      if (years(candidateYear)) return candidate.getTime();
      let target = candidateYear + 1;
      while (target <= LAST_YEAR && !years(target)) target++;
      if (target > LAST_YEAR) return undefined;
      const start = newYear.nextRun(new Date(Date.UTC(target - 1, 11, 30)));
      if (!start) return undefined;
      from = new Date(start.getTime() - 1000);
    }
    return undefined;
  };
  return { ok: true, timer: { next } };
}

/** Scheduler's one-time `at(yyyy-mm-ddThh:mm:ss)`, local time in the timezone. */
function parseAt(body: string, timezone: string): ScheduleParse {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(body.trim()))
    return { ok: false, error: 'at must be at(yyyy-mm-ddThh:mm:ss)' };
  try {
    const once = new Cron(body.trim(), { timezone, paused: true });
    const instant = once.nextRun(new Date(0))?.getTime();
    if (instant === undefined) return { ok: false, error: `invalid date in at(${body.trim()})` };
    return { ok: true, timer: { next: (after) => (instant > after ? instant : undefined) } };
  } catch {
    // croner's own message ("Invalid ISO8601 passed to timezone parser") names no field
    return { ok: false, error: `invalid date in at(${body.trim()}): no such day or time` };
  }
}

/**
 * Parses `expression` in `timezone` (IANA, default UTC). `anchor` is when a `rate` schedule's
 * period starts counting (AWS: when the rule was created); irrelevant for cron and at.
 */
export function parseScheduleExpression(
  expression: string,
  timezone = 'UTC',
  anchor = 0,
  dialect: ScheduleDialect = 'rule',
): ScheduleParse {
  if (!isKnownTimezone(timezone)) return { ok: false, error: `unknown timezone '${timezone}'` };
  const match = /^(rate|cron|at)\((.*)\)$/s.exec(expression.trim());
  let parsed: ScheduleParse;
  if (!match) parsed = { ok: false, error: 'must be rate(...), cron(...) or at(...)' };
  else if (match[1] === 'rate') parsed = parseRate(match[2], anchor, dialect);
  else if (match[1] === 'cron') parsed = parseCron(match[2], timezone);
  else parsed = parseAt(match[2], timezone);
  if (parsed.ok) return parsed;
  return { ok: false, error: `invalid schedule expression '${expression}': ${parsed.error}` };
}
