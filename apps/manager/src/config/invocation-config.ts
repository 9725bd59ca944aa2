import { load } from 'js-yaml';
import { FUNCTION_LIMITS, parseScheduleExpression, type ScheduleTimer } from '@app/contracts';
import { FunctionsFileError } from './functions-file';

/** A function's async settings with AWS's defaults applied. */
export interface AsyncSettings {
  maximumRetryAttempts: number;
  maximumEventAgeSeconds: number;
  onSuccess?: string;
  onFailure?: string;
  deadLetter?: string;
}

export const ASYNC_DEFAULTS = { maximumRetryAttempts: 2, maximumEventAgeSeconds: 21600 };

export interface ScheduleConfig {
  name: string;
  function: string;
  expression: string;
  timezone: string;
  enabled: boolean;
  input?: string;
  kind: 'rule' | 'scheduler';
  /** Next fire time strictly after `after`, with a rate's period counted from `anchor`. */
  nextAfter(after: number, anchor: number): number | undefined;
}

export interface InvocationConfig {
  asyncSettings: Map<string, AsyncSettings>;
  schedules: Map<string, ScheduleConfig>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function readAsync(
  name: string,
  raw: unknown,
  functions: Set<string>,
  problems: string[],
): AsyncSettings {
  const settings: AsyncSettings = { ...ASYNC_DEFAULTS };
  if (raw === undefined || raw === null) return settings;
  const path = `functions.${name}.async`;
  if (!isRecord(raw)) {
    problems.push(`${path}: must be a map`);
    return settings;
  }
  for (const field of ['maximumRetryAttempts', 'maximumEventAgeSeconds'] as const) {
    const value = raw[field];
    if (value === undefined) continue;
    const { min, max } = FUNCTION_LIMITS[field];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
      problems.push(`${path}.${field}: must be an integer from ${min} to ${max}`);
    else settings[field] = value;
  }
  for (const field of ['onSuccess', 'onFailure', 'deadLetter'] as const) {
    const value = raw[field];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !functions.has(value))
      problems.push(
        `${path}.${field}: '${typeof value === 'string' ? value : JSON.stringify(value)}' is not a function in this file`,
      );
    else settings[field] = value;
  }
  return settings;
}

function readSchedule(
  name: string,
  raw: unknown,
  functions: Set<string>,
  problems: string[],
): ScheduleConfig | undefined {
  const path = `schedules.${name}`;
  if (!isRecord(raw)) {
    problems.push(`${path}: must be a map with function and expression`);
    return undefined;
  }
  const fn = raw.function;
  if (typeof fn !== 'string' || !functions.has(fn))
    problems.push(`${path}.function: '${String(fn)}' is not a function in this file`);
  const timezone = typeof raw.timezone === 'string' ? raw.timezone : 'UTC';
  const expression = typeof raw.expression === 'string' ? raw.expression : '';
  const kind = raw.kind === 'scheduler' ? 'scheduler' : 'rule';
  const parsed = parseScheduleExpression(expression, timezone, 0, kind);
  if (!parsed.ok) problems.push(`${path}.expression: ${parsed.error}`);
  if (raw.input !== undefined && typeof raw.input !== 'string')
    problems.push(`${path}.input: must be JSON text`);
  if (raw.enabled !== undefined && typeof raw.enabled !== 'boolean')
    problems.push(`${path}.enabled: must be true or false`);
  if (!parsed.ok || typeof fn !== 'string' || !functions.has(fn)) return undefined;
  const timers = new Map<number, ScheduleTimer>();
  return {
    name,
    function: fn,
    expression,
    timezone,
    enabled: raw.enabled !== false,
    ...(typeof raw.input === 'string' ? { input: raw.input } : {}),
    kind,
    nextAfter(after, anchor) {
      let timer = timers.get(anchor);
      if (!timer) {
        const again = parseScheduleExpression(expression, timezone, anchor, kind);
        if (!again.ok) return undefined;
        timer = again.timer;
        timers.set(anchor, timer);
      }
      return timer.next(after);
    },
  };
}

/**
 * The `schedules` section and each function's `async` settings of `functions.yml` (the rest is
 * `parseFunctionsFile`'s). Destinations and schedule targets must be functions of the same file.
 */
export function parseInvocationConfig(text: string, fileName: string): InvocationConfig {
  const document = load(text);
  const root = isRecord(document) ? document : {};
  const functionsSection = isRecord(root.functions) ? root.functions : {};
  const functions = new Set(Object.keys(functionsSection));
  const problems: string[] = [];
  const asyncSettings = new Map<string, AsyncSettings>();
  for (const [name, raw] of Object.entries(functionsSection)) {
    asyncSettings.set(
      name,
      readAsync(name, isRecord(raw) ? raw.async : undefined, functions, problems),
    );
  }
  const schedules = new Map<string, ScheduleConfig>();
  if (root.schedules !== undefined && root.schedules !== null && !isRecord(root.schedules))
    problems.push('schedules: must be a map of schedule names');
  for (const [name, raw] of Object.entries(isRecord(root.schedules) ? root.schedules : {})) {
    const schedule = readSchedule(name, raw, functions, problems);
    if (schedule) schedules.set(name, schedule);
  }
  if (problems.length > 0) throw new FunctionsFileError(fileName, problems);
  return { asyncSettings, schedules };
}
