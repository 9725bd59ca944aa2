import { execFile } from 'node:child_process';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '../../..');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command from the repository root and reports how it ended (never throws on exit codes). */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd: REPO_ROOT, env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** `npm run generate` / `npm run build:functions` without npm: the same runner the scripts use. */
export function runScript(
  script: 'generate' | 'build-functions',
  args: string[],
  env?: NodeJS.ProcessEnv,
) {
  return run(
    process.execPath,
    ['scripts/generate-runner.mjs', `scripts/${script}.ts`, ...args],
    env,
  );
}
