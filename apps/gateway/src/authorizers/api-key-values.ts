import type { ApiKeyDefinition } from '@app/contracts';

const VARIABLE = /^\$\{(API_KEY_[A-Z0-9_]+)\}$/;

/**
 * A key's value: written in the template, or `${API_KEY_<ID>}` read from the Gateway's environment
 * (only `API_KEY_*` names, so a routing file cannot make the Gateway compare against its own
 * secrets). Undefined when the variable is not set or empty: the key cannot be used.
 */
export function apiKeyValue(
  key: ApiKeyDefinition,
  environment: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const variable = VARIABLE.exec(key.value);
  if (!variable) return key.value;
  const value = environment[variable[1]];
  return value ? value : undefined;
}

/** The variable a key reads, for the log line that says it is missing (never the value). */
export function apiKeyVariableOf(key: ApiKeyDefinition): string | undefined {
  return VARIABLE.exec(key.value)?.[1];
}
