import { isAbsolute, join, normalize } from 'node:path';
import type { LambdaInvokeError } from '@app/contracts';
import type { RuntimeConfig } from '../config/runtime-config';

/** Lambda's error type when a custom runtime's bootstrap cannot be started. */
export const INVALID_ENTRYPOINT = 'Runtime.InvalidEntrypoint';

/** What a path is, as far as starting it as a runtime goes. */
export type FileState = 'missing' | 'not-executable' | 'executable';

/** How the next runtime client process starts, or why it cannot. */
export type LaunchPlan =
  /** `bootstrap`: the command is the function's own; a failed exec is an invalid entrypoint. */
  | { kind: 'run'; command: string; args: string[]; bootstrap?: boolean }
  | { kind: 'invalid'; error: LambdaInvokeError };

/** Where a custom runtime's bootstrap may be, in Lambda's order (the function's, then a layer's). */
export function bootstrapCandidates(config: RuntimeConfig): string[] {
  if (config.family === 'go1.x') {
    // go1.x: the handler names the executable in the task root (e.g. `main`, `bin/hello`).
    const relative = normalize(config.handler);
    if (isAbsolute(relative) || relative.startsWith('..')) return [];
    return [join(config.taskRoot, relative)];
  }
  return [join(config.taskRoot, 'bootstrap'), '/opt/bootstrap'];
}

export function invalidEntrypoint(message: string): LambdaInvokeError {
  return { errorType: INVALID_ENTRYPOINT, errorMessage: `Error: ${message}` };
}

/** `fork/exec <path>: <reason>`, as Lambda words a bootstrap the kernel refused to run. */
export function execFailure(path: string, code: string | undefined): LambdaInvokeError {
  const reason =
    code === 'EACCES'
      ? 'permission denied'
      : code === 'ENOENT'
        ? 'no such file or directory'
        : code === 'ENOEXEC'
          ? 'exec format error'
          : (code ?? 'unknown error');
  return invalidEntrypoint(`fork/exec ${path}: ${reason}`);
}

function customRuntimePlan(config: RuntimeConfig, stat: (path: string) => FileState): LaunchPlan {
  const candidates = bootstrapCandidates(config);
  for (const path of candidates) {
    const state = stat(path);
    if (state === 'missing') continue;
    if (state === 'not-executable') return { kind: 'invalid', error: execFailure(path, 'EACCES') };
    return { kind: 'run', command: path, args: [], bootstrap: true };
  }
  const wanted = candidates.length > 0 ? candidates.join(' ') : config.handler;
  return {
    kind: 'invalid',
    error: invalidEntrypoint(`Couldn't find valid bootstrap(s): [${wanted}]`),
  };
}

/** JVM options as Lambda's Java runtimes start them: quick start-up, heap sized from the memory. */
export function javaOptions(memorySizeMb: number): string[] {
  return [
    '-XX:+TieredCompilation',
    '-XX:TieredStopAtLevel=1',
    '-XX:+UseSerialGC',
    '-Xshare:auto',
    `-Xmx${Math.max(16, Math.floor(memorySizeMb * 0.75))}m`,
  ];
}

/**
 * The command line of each family's runtime client, shipped in LAMBDA_RUNTIME_DIR; custom runtimes
 * (`provided*`, `go1.x`) run the function's own bootstrap, and an image with its own ENTRYPOINT runs
 * that (any family). `stat` is asked about bootstrap paths.
 */
export function planLaunch(
  config: RuntimeConfig,
  nodeBinary: string,
  stat: (path: string) => FileState,
): LaunchPlan {
  const dir = config.runtimeDir;
  if (config.entrypoint) {
    // The image's own ENTRYPOINT (+ CMD) is the runtime: a failed exec is an invalid entrypoint.
    const [command, ...args] = config.entrypoint;
    return { kind: 'run', command, args, bootstrap: true };
  }
  switch (config.family) {
    case 'python':
      return { kind: 'run', command: 'python3', args: ['-u', join(dir, 'python', 'bootstrap.py')] };
    case 'ruby':
      return { kind: 'run', command: 'ruby', args: [join(dir, 'ruby', 'bootstrap.rb')] };
    case 'java':
      return {
        kind: 'run',
        command: 'java',
        args: [
          ...javaOptions(config.memorySizeMb),
          '-cp',
          join(dir, 'java', 'lib', '*'),
          'onpre.lambda.runtime.Main',
        ],
      };
    case 'provided':
    case 'go1.x':
      return customRuntimePlan(config, stat);
    default:
      return { kind: 'run', command: nodeBinary, args: [join(dir, 'node-client.js')] };
  }
}
