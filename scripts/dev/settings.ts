import { GATEWAY_ENV_SCHEMA, GatewayEnv } from '../../apps/gateway/src/config/gateway-env';
import { MANAGER_ENV_SCHEMA, ManagerEnv } from '../../apps/manager/src/config/manager-env';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';

export type Environment = Record<string, string | undefined>;

/** Everything `npm start` decides from its flags and the environment, before touching anything. */
export interface DevSettings {
  /** Arguments for `npm run generate` (and `build:functions`): `--config …` or `--template … --out …`. */
  generatorArgs: string[];
  gatewayPort: number;
  managerPort: number;
  managerInstance: string;
  lambdaNetwork: string;
  /** Ports the embedded services listen on at the Lambda network's gateway address (0: any free port). */
  s3Port: number;
  dynamodbPort: number;
  relayPort: number;
  dataDir: string;
  /** Where the Gateway serves CloudWatch Logs (path of the Manager's default endpoint). */
  cloudWatchLogsPath: string;
  /** Set by the user: then no embedded service (or relay) is started for that endpoint. */
  external: { s3?: string; dynamodb?: string; lambda?: string; logs?: string };
  gatewayTls: boolean;
  credentials: { apiKey: string; user: string; password: string; managerToken: string };
  /** The keys the Manager gives functions; the embedded S3 accepts them. */
  functionKeys: { accessKeyId: string; secretAccessKey: string };
}

export const DEFAULT_APP = 'examples/hello-app/generator.yml';
export const DEV_MANAGER_INSTANCE = 'dev';

export const USAGE = `usage: npm start [-- --app <generator.yml | template.yaml | folder>]
  ONPRE_APP            same as --app (default ${DEFAULT_APP})
  ONPRE_OUT            output directory for the generated files (default: the generator.yml's out)
  ONPRE_DATA_DIR       where the embedded S3 and DynamoDB keep data (default .onpre/data)
  ONPRE_S3_PORT / ONPRE_DYNAMODB_PORT / ONPRE_LAMBDA_RELAY_PORT   (9000 / 8000 / 8444; 0: any free)
  GATEWAY_PORT, MANAGER_PORT, MANAGER_INSTANCE (default ${DEV_MANAGER_INSTANCE}), LAMBDA_NETWORK and the
  Gateway's and Manager's other variables are passed through; FUNCTION_AWS_ENDPOINT_URL_S3 /
  _DYNAMODB / _LAMBDA / _CLOUDWATCH_LOGS point functions at your own services instead.`;

export class DevUsageError extends Error {}

/** A port from the environment; `min` 0 lets the system choose a free one. */
function port(env: Environment, name: string, fallback: number, min = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > 65535)
    throw new DevUsageError(`${name} must be a port number (${min}-65535), got '${raw}'`);
  return value;
}

function appFromArgv(argv: string[]): string | undefined {
  if (argv.length === 0) return undefined;
  const [flag, value] = argv[0].includes('=') ? argv[0].split(/=(.*)/s, 2) : argv;
  if (flag !== '--app' || !value || argv.length > (argv[0].includes('=') ? 1 : 2))
    throw new DevUsageError(`unknown arguments: ${argv.join(' ')}`);
  return value;
}

/**
 * `--config <generator.yml>` for a generator.yml or a folder holding one; `--template <file> --out
 * .onpre/generated/<folder name>` for a bare SAM template. ONPRE_OUT overrides the output directory.
 */
export function generatorArguments(
  app: string,
  out: string | undefined,
  isDirectory: (path: string) => boolean,
): string[] {
  const file = isDirectory(app) ? join(app, 'generator.yml') : app;
  const isConfig = /^generator\.ya?ml$/.test(basename(file));
  const folder = basename(dirname(file));
  const args = isConfig ? ['--config', file] : ['--template', file];
  const outDir = out ?? (isConfig ? undefined : join('.onpre/generated', folder));
  return outDir ? [...args, '--out', outDir] : args;
}

/** A secret as the app will see it: the caller's value, else the app's development default. */
function secret(
  env: Environment,
  schema: typeof GATEWAY_ENV_SCHEMA | typeof MANAGER_ENV_SCHEMA,
  name: string,
): string {
  return env[name] || (schema.secrets ?? []).find((spec) => spec.name === name)?.devDefault || '';
}

function credentials(env: Environment): DevSettings['credentials'] {
  return {
    apiKey: secret(env, GATEWAY_ENV_SCHEMA, 'X_API_KEY'),
    user: secret(env, GATEWAY_ENV_SCHEMA, 'AUTH_USER'),
    password: secret(env, GATEWAY_ENV_SCHEMA, 'AUTH_PASS'),
    managerToken: secret(env, MANAGER_ENV_SCHEMA, 'MANAGER_TOKEN'),
  };
}

/**
 * npm runs scripts in the package root and passes the folder the user typed the command in as
 * INIT_CWD: paths the user gives are relative to that folder, so they are rewritten relative to `root`.
 */
function userPath(env: Environment, root: string, path: string): string {
  if (!env.INIT_CWD || isAbsolute(path)) return path;
  return relative(root, resolve(env.INIT_CWD, path)) || '.';
}

export function readDevSettings(
  env: Environment,
  argv: string[],
  root: string,
  isDirectory: (path: string) => boolean,
): DevSettings {
  const gatewayDefaults = new GatewayEnv();
  const managerDefaults = new ManagerEnv();
  const given = appFromArgv(argv) ?? env.ONPRE_APP;
  const app = given ? userPath(env, root, given) : DEFAULT_APP;
  const out = env.ONPRE_OUT ? userPath(env, root, env.ONPRE_OUT) : undefined;
  return {
    generatorArgs: generatorArguments(app, out, isDirectory),
    gatewayPort: port(env, 'GATEWAY_PORT', gatewayDefaults.GATEWAY_PORT),
    managerPort: port(env, 'MANAGER_PORT', managerDefaults.MANAGER_PORT),
    managerInstance: env.MANAGER_INSTANCE || DEV_MANAGER_INSTANCE,
    lambdaNetwork: env.LAMBDA_NETWORK || managerDefaults.LAMBDA_NETWORK,
    s3Port: port(env, 'ONPRE_S3_PORT', 9000, 0),
    dynamodbPort: port(env, 'ONPRE_DYNAMODB_PORT', 8000, 0),
    relayPort: port(env, 'ONPRE_LAMBDA_RELAY_PORT', 8444, 0),
    dataDir: env.ONPRE_DATA_DIR ? userPath(env, root, env.ONPRE_DATA_DIR) : '.onpre/data',
    cloudWatchLogsPath: new URL(managerDefaults.FUNCTION_AWS_ENDPOINT_URL_CLOUDWATCH_LOGS).pathname,
    external: {
      s3: env.FUNCTION_AWS_ENDPOINT_URL_S3 || undefined,
      dynamodb: env.FUNCTION_AWS_ENDPOINT_URL_DYNAMODB || undefined,
      lambda: env.FUNCTION_AWS_ENDPOINT_URL_LAMBDA || undefined,
      logs: env.FUNCTION_AWS_ENDPOINT_URL_CLOUDWATCH_LOGS || undefined,
    },
    gatewayTls: !/^(false|0|no|off)$/i.test((env.GATEWAY_TLS ?? '').trim()),
    credentials: credentials(env),
    functionKeys: {
      accessKeyId: secret(env, MANAGER_ENV_SCHEMA, 'FUNCTION_AWS_ACCESS_KEY_ID'),
      secretAccessKey: secret(env, MANAGER_ENV_SCHEMA, 'FUNCTION_AWS_SECRET_ACCESS_KEY'),
    },
  };
}
