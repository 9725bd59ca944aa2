function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * SAM's `Globals` rule, applied to resolved values: the resource's own scalar wins, maps merge key
 * by key (recursively, resource wins), lists are additive (global entries first).
 */
export function mergeGlobals(
  globals: Record<string, unknown>,
  own: Record<string, unknown>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...globals };
  for (const [key, value] of Object.entries(own)) {
    const inherited = merged[key];
    if (isPlainObject(inherited) && isPlainObject(value))
      merged[key] = mergeGlobals(inherited, value);
    else if (Array.isArray(inherited) && Array.isArray(value))
      merged[key] = [...(inherited as unknown[]), ...(value as unknown[])];
    else merged[key] = value;
  }
  return merged;
}
