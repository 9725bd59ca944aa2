import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsNumber, Max, Min } from 'class-validator';

/**
 * Decorators for one environment variable each, so an environment class says a variable's rule in
 * one line: `@IntegerVariable(1, 1000) MAX: number = 10`. The messages are class-validator's own.
 */
function combine(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((decorator) => decorator(target, key));
}

function bounded(type: PropertyDecorator, min: number, max?: number): PropertyDecorator {
  return max === undefined ? combine(type, Min(min)) : combine(type, Min(min), Max(max));
}

/** A whole number from `min` (up to `max`). */
export function IntegerVariable(min: number, max?: number): PropertyDecorator {
  return bounded(IsInt(), min, max);
}

/** A number (fractions allowed) from `min` (up to `max`). */
export function NumberVariable(min: number, max?: number): PropertyDecorator {
  return bounded(IsNumber(), min, max);
}

function parseBoolean(value: string): boolean | string {
  const lower = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(lower)) return true;
  if (['false', '0', 'no', 'off'].includes(lower)) return false;
  return value;
}

/**
 * true/false (also 1/0, yes/no, on/off), read from the raw string before class-transformer's
 * implicit conversion turns every non-empty string into true.
 */
export function BooleanVariable(): PropertyDecorator {
  return combine(
    Transform(({ obj, key, value }: { obj: unknown; key: string; value: unknown }) => {
      const raw: unknown = (obj as Record<string, unknown>)[key];
      return typeof raw === 'string' ? parseBoolean(raw) : value;
    }),
    (target, key) => IsBoolean({ message: `${String(key)} must be true or false` })(target, key),
  );
}
