import { load } from 'js-yaml';
import { FUNCTION_DEFAULTS, FUNCTION_LIMITS, FUNCTION_NAME_PATTERN } from '@app/contracts';
import { requestDataMap } from '@app/platform';

/** One function as the Manager runs it: defaults applied, `${VAR}` expanded. */
export interface FunctionConfig {
  name: string;
  image: string;
  environment: Record<string, string>;
  timeout: number;
  memorySize: number;
  reservedConcurrency: number;
  /** Containers kept started (never paused or reaped); 0 = none. */
  provisionedConcurrency: number;
  /** What the function's invoke endpoint asks for (set by the registry, never by functions.yml). */
  invokeToken?: string;
}

/** Raised for an unreadable or invalid functions file; lists every problem with its field path. */
export class FunctionsFileError extends Error {
  constructor(
    readonly fileName: string,
    readonly problems: string[],
  ) {
    super(`${fileName} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'FunctionsFileError';
  }
}

type Env = Record<string, string | undefined>;

/**
 * The only variables `${VAR}` may read: a function's own settings, given to the Manager under this
 * prefix. Everything else in the Manager's environment (MANAGER_TOKEN, DOCKER_SOCKET, the function
 * credentials, …) is the Manager's own and never reaches a function through functions.yml.
 */
export const FUNCTION_VARIABLE_PREFIX = 'FUNCTION_ENV_';

/** Environment variable names a function may be given (POSIX: no `=`, no leading digit). */
export const ENVIRONMENT_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `$${…}` is a literal `${…}`; `${NAME}` / `${NAME:-fallback}` a variable. */
const VARIABLE = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * `${FUNCTION_ENV_X}` and `${FUNCTION_ENV_X:-fallback}` from `env`; `$${` stays a literal `${`.
 * Variables without the prefix and unset variables without a fallback are problems.
 */
export function expandVariables(text: string, env: Env, path: string, problems: string[]): string {
  return text.replace(
    VARIABLE,
    (_match, name: string | undefined, fallback: string | undefined) => {
      if (name === undefined) return '${';
      if (!name.startsWith(FUNCTION_VARIABLE_PREFIX)) {
        problems.push(
          `${path}: variable \${${name}} is not allowed: only ${FUNCTION_VARIABLE_PREFIX}* variables are expanded (write $\${ for a literal \${)`,
        );
        return '';
      }
      const value = env[name];
      if (value !== undefined) return value;
      if (fallback !== undefined) return fallback;
      problems.push(`${path}: variable \${${name}} is not set`);
      return '';
    },
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readEnvironment(
  value: unknown,
  path: string,
  env: Env,
  problems: string[],
): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) {
    problems.push(`${path}: must be a map of names to values`);
    return {};
  }
  // No prototype: a variable named `__proto__` is just a name.
  const result = requestDataMap<string>();
  for (const [key, raw] of Object.entries(value)) {
    if (!ENVIRONMENT_NAME_PATTERN.test(key)) {
      problems.push(
        `${path}: ${JSON.stringify(key)} is not a valid variable name ([A-Za-z_][A-Za-z0-9_]*)`,
      );
      continue;
    }
    if (!['string', 'number', 'boolean'].includes(typeof raw)) {
      problems.push(`${path}.${key}: must be a string, number or boolean`);
      continue;
    }
    result[key] = expandVariables(String(raw), env, `${path}.${key}`, problems);
  }
  return result;
}

function readInteger(
  value: unknown,
  field: keyof typeof FUNCTION_LIMITS,
  path: string,
  problems: string[],
): number | undefined {
  if (value === undefined || value === null) return undefined;
  const { min, max } = FUNCTION_LIMITS[field];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    problems.push(`${path}.${field}: must be an integer from ${min} to ${max}`);
    return undefined;
  }
  return value;
}

function readFunction(
  name: string,
  raw: unknown,
  defaults: Record<string, unknown>,
  defaultEnvironment: Record<string, string>,
  context: { env: Env; defaultReservedConcurrency: number; problems: string[] },
): FunctionConfig | undefined {
  const { env, problems } = context;
  const path = `functions.${name}`;
  if (!FUNCTION_NAME_PATTERN.test(name)) {
    problems.push(`${path}: function names must match [A-Za-z0-9_-]{1,64}`);
    return undefined;
  }
  if (!isRecord(raw)) {
    problems.push(`${path}: must be a map with at least an image`);
    return undefined;
  }
  const image =
    typeof raw.image === 'string' ? expandVariables(raw.image, env, `${path}.image`, problems) : '';
  if (image.trim() === '') problems.push(`${path}.image: is required (a Docker image reference)`);
  const pick = (field: keyof typeof FUNCTION_LIMITS) =>
    readInteger(raw[field], field, path, problems) ??
    readInteger(defaults[field], field, 'defaults', problems);
  const reservedConcurrency = pick('reservedConcurrency') ?? context.defaultReservedConcurrency;
  const provisionedConcurrency = pick('provisionedConcurrency') ?? 0;
  if (provisionedConcurrency > reservedConcurrency) {
    problems.push(
      `${path}.provisionedConcurrency: ${provisionedConcurrency} is more than reservedConcurrency (${reservedConcurrency})`,
    );
  }
  return {
    name,
    image,
    environment: {
      ...defaultEnvironment,
      ...readEnvironment(raw.environment, `${path}.environment`, env, problems),
    },
    timeout: pick('timeout') ?? FUNCTION_DEFAULTS.timeout,
    memorySize: pick('memorySize') ?? FUNCTION_DEFAULTS.memorySize,
    reservedConcurrency,
    provisionedConcurrency,
  };
}

/**
 * Parses `functions.yml` text into resolved function configurations. Every problem is collected and
 * reported at once, each naming the function and field.
 */
export function parseFunctionsFile(
  text: string,
  fileName: string,
  env: Env,
  defaultReservedConcurrency: number,
): Map<string, FunctionConfig> {
  let document: unknown;
  try {
    document = load(text);
  } catch (error) {
    throw new FunctionsFileError(fileName, [`not valid YAML: ${(error as Error).message}`]);
  }
  const problems: string[] = [];
  if (!isRecord(document) || !isRecord(document.functions)) {
    throw new FunctionsFileError(fileName, ['functions: must be a map of function names']);
  }
  const defaults = isRecord(document.defaults) ? document.defaults : {};
  const defaultEnvironment = readEnvironment(
    defaults.environment,
    'defaults.environment',
    env,
    problems,
  );
  const context = { env, defaultReservedConcurrency, problems };
  const functions = new Map<string, FunctionConfig>();
  for (const [name, raw] of Object.entries(document.functions)) {
    const config = readFunction(name, raw, defaults, defaultEnvironment, context);
    if (config) functions.set(name, config);
  }
  if (problems.length > 0) throw new FunctionsFileError(fileName, [...new Set(problems)]);
  return functions;
}
