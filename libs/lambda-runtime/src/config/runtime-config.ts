import { INVOKE_TOKEN_ENV } from '@app/contracts';
import { LOG_LEVELS, toLambdaLevel, type LambdaLogLevel } from '../logging/log-record';

/** Which language runtime client the sandbox starts next to the invoke server. */
export type RuntimeFamily = 'nodejs' | 'python' | 'provided' | 'go1.x' | 'java' | 'ruby';
const FAMILIES: readonly RuntimeFamily[] = [
  'nodejs',
  'python',
  'provided',
  'go1.x',
  'java',
  'ruby',
];

export interface RuntimeConfig {
  family: RuntimeFamily;
  handler: string;
  functionName: string;
  functionVersion: string;
  memorySizeMb: number;
  timeoutMs: number;
  region: string;
  accountId: string;
  taskRoot: string;
  runtimeDir: string;
  logGroupName: string;
  logStreamName: string;
  invokePort: number;
  runtimeApiPort: number;
  initTimeoutMs: number;
  /** `AWS_LAMBDA_LOG_LEVEL`: the function's own log lines below it are dropped (default: none). */
  applicationLogLevel: LambdaLogLevel;
  /**
   * `ONPRE_LAMBDA_ENTRYPOINT` (a JSON list): the image's own ENTRYPOINT, run as the runtime client
   * (it speaks the Runtime API, as on Lambda) with the CMD appended, as Docker would run it.
   */
  entrypoint?: string[];
  /** `ONPRE_INVOKE_TOKEN`: set by the Manager, the invoke endpoint then answers only calls with it. */
  invokeToken?: string;
}

export class RuntimeConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid runtime configuration: ${problems.join('; ')}`);
    this.name = 'RuntimeConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Lambda's log stream naming: `YYYY/MM/DD/[version]<32 hex>`. */
export function logStreamName(now: Date, version: string, instanceHex: string): string {
  const day = now.toISOString().slice(0, 10).replace(/-/g, '/');
  return `${day}/[${version}]${instanceHex}`;
}

function positiveNumber(
  env: Env,
  name: string,
  fallback: number,
  problems: string[],
  integer = false,
): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    problems.push(`${name} must be a positive ${integer ? 'integer' : 'number'}, got "${raw}"`);
    return fallback;
  }
  return value;
}

function port(env: Env, name: string, fallback: number, problems: string[]): number {
  const value = positiveNumber(env, name, fallback, problems, true);
  if (value > 65535) problems.push(`${name} must be at most 65535, got ${value}`);
  return value;
}

function readEntrypoint(env: Env, problems: string[]): string[] | undefined {
  const raw = env.ONPRE_LAMBDA_ENTRYPOINT;
  if (raw === undefined || raw.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = undefined;
  }
  if (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((item): item is string => typeof item === 'string' && item !== '')
  )
    return value;
  problems.push(`ONPRE_LAMBDA_ENTRYPOINT must be a JSON list of non-empty strings, got "${raw}"`);
  return undefined;
}

function applicationLogLevel(env: Env, problems: string[]): LambdaLogLevel {
  const raw = env.AWS_LAMBDA_LOG_LEVEL;
  if (raw === undefined || raw.trim() === '') return 'TRACE';
  const level = toLambdaLevel(raw.trim());
  if (!level)
    problems.push(`AWS_LAMBDA_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
  return level ?? 'TRACE';
}

/**
 * Reads the sandbox configuration from the container environment. The handler comes from the image's
 * CMD (first argument) as in AWS base images, else from `_HANDLER`. Every problem is reported at once.
 */
export function readRuntimeConfig(
  env: Env,
  args: readonly string[],
  now: Date,
  instanceHex: string,
): RuntimeConfig {
  const problems: string[] = [];
  const family = (env.ONPRE_LAMBDA_RUNTIME ?? 'nodejs') as RuntimeFamily;
  if (!FAMILIES.includes(family)) {
    problems.push(`ONPRE_LAMBDA_RUNTIME must be one of ${FAMILIES.join(', ')}, got "${family}"`);
  }
  const handler = (args[0] ?? env._HANDLER ?? '').trim();
  const entrypoint = readEntrypoint(env, problems);
  // An image's own entrypoint needs no handler (Lambda passes the CMD, if any, as its arguments).
  if (!handler && !entrypoint)
    problems.push('no handler: pass it as the command (CMD ["app.handler"]) or _HANDLER');
  const functionName = env.AWS_LAMBDA_FUNCTION_NAME || 'test_function';
  const functionVersion = env.AWS_LAMBDA_FUNCTION_VERSION || '$LATEST';
  const timeoutSeconds = positiveNumber(env, 'AWS_LAMBDA_FUNCTION_TIMEOUT', 3, problems);
  const config: RuntimeConfig = {
    family,
    handler,
    functionName,
    functionVersion,
    memorySizeMb: positiveNumber(env, 'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 128, problems, true),
    timeoutMs: Math.round(timeoutSeconds * 1000),
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1',
    accountId: env.ONPRE_LAMBDA_ACCOUNT_ID || '000000000000',
    taskRoot: env.LAMBDA_TASK_ROOT || '/var/task',
    runtimeDir: env.LAMBDA_RUNTIME_DIR || '/var/runtime',
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME || `/aws/lambda/${functionName}`,
    logStreamName:
      env.AWS_LAMBDA_LOG_STREAM_NAME || logStreamName(now, functionVersion, instanceHex),
    invokePort: port(env, 'ONPRE_LAMBDA_INVOKE_PORT', 8080, problems),
    runtimeApiPort: port(env, 'ONPRE_LAMBDA_RUNTIME_API_PORT', 9001, problems),
    initTimeoutMs: Math.round(
      positiveNumber(env, 'ONPRE_LAMBDA_INIT_TIMEOUT', 10, problems) * 1000,
    ),
    applicationLogLevel: applicationLogLevel(env, problems),
    ...(entrypoint ? { entrypoint: [...entrypoint, ...args] } : {}),
    ...(env[INVOKE_TOKEN_ENV] ? { invokeToken: env[INVOKE_TOKEN_ENV] } : {}),
  };
  if (problems.length > 0) throw new RuntimeConfigError(problems);
  return config;
}

export function invokedFunctionArn(config: RuntimeConfig): string {
  return `arn:aws:lambda:${config.region}:${config.accountId}:function:${config.functionName}`;
}

/** The standard Lambda environment the runtime client process sees, on top of the container's. */
export function runtimeProcessEnv(config: RuntimeConfig, inherited: Env): Env {
  // The invoke token is the supervisor's, not the function's.
  const { [INVOKE_TOKEN_ENV]: _token, ...rest } = inherited;
  return {
    ...rest,
    _HANDLER: config.handler,
    AWS_LAMBDA_FUNCTION_NAME: config.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: config.functionVersion,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(config.memorySizeMb),
    AWS_LAMBDA_LOG_GROUP_NAME: config.logGroupName,
    AWS_LAMBDA_LOG_STREAM_NAME: config.logStreamName,
    AWS_LAMBDA_RUNTIME_API: `127.0.0.1:${config.runtimeApiPort}`,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    LAMBDA_TASK_ROOT: config.taskRoot,
    LAMBDA_RUNTIME_DIR: config.runtimeDir,
    AWS_REGION: config.region,
    AWS_DEFAULT_REGION: inherited.AWS_DEFAULT_REGION ?? config.region,
    TZ: inherited.TZ ?? ':UTC',
    PYTHONUNBUFFERED: '1',
    // go1.x runs on the custom-runtime image; its functions see the go1.x execution environment.
    ...(config.family === 'go1.x' ? { AWS_EXECUTION_ENV: 'AWS_Lambda_go1.x' } : {}),
  };
}
