/**
 * A template value as text: scalars as `String()` writes them, anything else (a map such as an
 * unresolved intrinsic, a list) as its JSON, so a message shows what the template said instead of
 * `[object Object]`.
 */
export function templateText(value: unknown): string {
  if (value === null || typeof value !== 'object') return String(value);
  return JSON.stringify(value);
}
