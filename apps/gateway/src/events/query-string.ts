import { requestDataMap } from '@app/platform';

/** Decoded query parameters in order, duplicates kept (form decoding: `+` is a space). */
export function queryPairs(rawQueryString: string): Array<[string, string]> {
  return [...new URLSearchParams(rawQueryString)];
}

/** Groups name/value pairs into the multi-value map API Gateway uses (null when empty). */
export function multiValueMap(pairs: ReadonlyArray<readonly [string, string]>) {
  if (pairs.length === 0) return null;
  const map = requestDataMap<string[]>();
  for (const [name, value] of pairs) (map[name] ??= []).push(value);
  return map;
}

/** Last value per name (null when empty): v1 `headers` and `queryStringParameters`. */
export function lastValueMap(pairs: ReadonlyArray<readonly [string, string]>) {
  if (pairs.length === 0) return null;
  const map = requestDataMap<string>();
  for (const [name, value] of pairs) map[name] = value;
  return map;
}

/** Duplicates comma-joined (undefined when empty): the v2 maps. */
export function commaJoinedMap(pairs: ReadonlyArray<readonly [string, string]>) {
  if (pairs.length === 0) return undefined;
  const map = requestDataMap<string>();
  for (const [name, value] of pairs) map[name] = name in map ? `${map[name]},${value}` : value;
  return map;
}
