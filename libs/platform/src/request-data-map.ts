/**
 * A map keyed by request data (`constructor`, `__proto__`, `toString` are ordinary names there): no
 * prototype, so no inherited member is read as a value and no assignment reaches `Object.prototype`.
 */
export function requestDataMap<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
