import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

/** Raised when environment variables are invalid; its message lists every problem. */
export class EnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvironmentError';
  }
}

/**
 * A secret with a development default. The default is used only outside production; in production a
 * missing secret, or one equal to the development default, is a configuration error.
 */
export interface SecretSpec {
  name: string;
  devDefault: string;
}

export interface EnvironmentSchema<T extends object> {
  type: new () => T;
  secrets: readonly SecretSpec[];
}

function isSecretFileVariable<T extends object>(name: string, schema: EnvironmentSchema<T>) {
  return schema.secrets.some((secret) => name === `${secret.name}_FILE`);
}

function flattenErrors(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const name = `${prefix}${error.property}`;
    const own = Object.values(error.constraints ?? {}).map(
      (text) => `${name}: ${text.replace(new RegExp(`^${error.property} `), '')}`,
    );
    return [...own, ...flattenErrors(error.children ?? [], `${name}.`)];
  });
}

function applySecrets(
  raw: Record<string, string | undefined>,
  secrets: readonly SecretSpec[],
): { values: Record<string, string>; problems: string[] } {
  const production = raw.NODE_ENV === 'production';
  const values: Record<string, string> = {};
  const problems: string[] = [];
  for (const { name, devDefault } of secrets) {
    const given = raw[name];
    if (production && (given === undefined || given === '')) {
      problems.push(`${name}: is required in production`);
    } else if (production && given === devDefault) {
      problems.push(`${name}: must not be the development default in production`);
    } else {
      values[name] = given === undefined || given === '' ? devDefault : given;
    }
  }
  return { values, problems };
}

/**
 * `<SECRET>_FILE` names a file holding the secret (Docker/Swarm secrets at /run/secrets/…, the
 * convention of the official images): its content, without the final newline, is the value. Giving
 * both the variable and its file is an error, as is a file that cannot be read.
 */
export function secretsFromFiles(
  raw: Record<string, string | undefined>,
  secrets: readonly SecretSpec[],
  read: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): { values: Record<string, string>; problems: string[] } {
  const values: Record<string, string> = {};
  const problems: string[] = [];
  for (const { name } of secrets) {
    const path = raw[`${name}_FILE`];
    if (path === undefined || path === '') continue;
    if (raw[name] !== undefined && raw[name] !== '') {
      problems.push(`${name}_FILE: give ${name} or ${name}_FILE, not both`);
      continue;
    }
    try {
      values[name] = read(path).replace(/\r?\n$/, '');
    } catch (error) {
      problems.push(
        `${name}_FILE: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
  }
  return { values, problems };
}

/**
 * Validates the process environment once, against a class whose property initialisers are the
 * defaults and whose class-validator decorators are the rules. Every problem is reported together.
 * Empty strings count as unset.
 */
export function validateEnvironment<T extends object>(
  schema: EnvironmentSchema<T>,
  raw: Record<string, string | undefined>,
): T {
  const fromFiles = secretsFromFiles(raw, schema.secrets);
  const withFiles = { ...raw, ...fromFiles.values };
  const present = Object.fromEntries(
    Object.entries(withFiles).filter(
      ([name, value]) => value !== undefined && value !== '' && !isSecretFileVariable(name, schema),
    ),
  );
  const secrets = applySecrets(withFiles, schema.secrets);
  secrets.problems.push(...fromFiles.problems);
  const instance = plainToInstance(
    schema.type,
    { ...present, ...secrets.values },
    { enableImplicitConversion: true, exposeDefaultValues: true },
  );
  const reported = new Set(secrets.problems.map((problem) => problem.split(':')[0]));
  const problems = [
    ...secrets.problems,
    ...flattenErrors(validateSync(instance, { forbidUnknownValues: false })).filter(
      (problem) => !reported.has(problem.split(':')[0]),
    ),
  ];
  if (problems.length > 0) {
    throw new EnvironmentError(problems.sort());
  }
  return instance;
}

/** For `main.ts`: validate or print the one message and exit non-zero (no stack trace). */
export function loadEnvironmentOrExit<T extends object>(schema: EnvironmentSchema<T>): T {
  try {
    return validateEnvironment(schema, process.env);
  } catch (error) {
    if (error instanceof EnvironmentError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** Names of the secrets whose value is still the well-known development default. */
export function devSecretsInUse<T extends object>(schema: EnvironmentSchema<T>, env: T): string[] {
  const values = env as Record<string, unknown>;
  return schema.secrets
    .filter(({ name, devDefault }) => values[name] === devDefault)
    .map(({ name }) => name);
}

const LOOPBACK_HOSTS = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/**
 * The start-up warning for a process that serves beyond this machine with the published
 * development secrets (NODE_ENV unset or `development`): undefined when it binds loopback only or
 * no development secret is in use. Production refuses those secrets outright (`applySecrets`).
 */
export function exposedDevSecretsWarning(
  host: string,
  devSecrets: readonly string[],
): string | undefined {
  if (devSecrets.length === 0 || LOOPBACK_HOSTS.test(host)) return undefined;
  return (
    `listening on ${host} with the published development defaults of ${devSecrets.join(', ')}: ` +
    'anyone who can reach this port can use them. Set NODE_ENV=production and real secrets, ' +
    'or bind 127.0.0.1 (GATEWAY_HOST / MANAGER_HOST).'
  );
}

/** Secrets both apps must agree on: the Manager API token and the credentials given to functions. */
export const SHARED_SECRETS: readonly SecretSpec[] = [
  { name: 'MANAGER_TOKEN', devDefault: 'dev-manager-token-change-in-production' },
  { name: 'FUNCTION_AWS_ACCESS_KEY_ID', devDefault: 'onpre-local' },
  { name: 'FUNCTION_AWS_SECRET_ACCESS_KEY', devDefault: 'onpre-local-secret' },
];
