import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { RuntimeConfig } from '../config/runtime-config';
import { LineSplitter } from '../logging/runtime-output';

export interface ProcessExit {
  code: number | null;
  signal: string | null;
}

export type OutputStream = 'stdout' | 'stderr';

/** A started language runtime client (the process that calls the Runtime API). */
export interface RuntimeProcess {
  readonly pid: number | undefined;
  readonly exited: Promise<ProcessExit>;
  /** Ends the process at once (SIGKILL): a timed-out or crashed runtime gets no grace. */
  kill(): void;
}

export interface RuntimeProcessHooks {
  onLine(line: string, stream: OutputStream): void;
  onExit(exit: ProcessExit): void;
}

export interface RuntimeLauncher {
  launch(hooks: RuntimeProcessHooks): RuntimeProcess;
}

/** The command line of each family's runtime client, shipped in LAMBDA_RUNTIME_DIR. */
export function runtimeCommand(
  config: RuntimeConfig,
  nodeBinary: string,
): { command: string; args: string[] } {
  if (config.family === 'python') {
    return { command: 'python3', args: ['-u', join(config.runtimeDir, 'python', 'bootstrap.py')] };
  }
  return { command: nodeBinary, args: [join(config.runtimeDir, 'node-client.js')] };
}

/** Starts runtime clients as child processes with piped output, in the task root. */
export class ChildProcessLauncher implements RuntimeLauncher {
  constructor(
    private readonly command: { command: string; args: string[] },
    private readonly env: NodeJS.ProcessEnv,
    private readonly cwd: string,
  ) {}

  launch(hooks: RuntimeProcessHooks): RuntimeProcess {
    const child = spawn(this.command.command, this.command.args, {
      cwd: this.cwd,
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const pipe = (stream: NodeJS.ReadableStream, name: OutputStream) => {
      const splitter = new LineSplitter();
      stream.on('data', (chunk: Buffer) =>
        splitter.push(chunk).forEach((l) => hooks.onLine(l, name)),
      );
      stream.on('end', () => splitter.flush().forEach((l) => hooks.onLine(l, name)));
    };
    pipe(child.stdout, 'stdout');
    pipe(child.stderr, 'stderr');
    const exited = new Promise<ProcessExit>((resolve) => {
      // 'close' waits for the output pipes, so the last lines are logged before the exit is handled.
      child.once('close', (code, signal) => resolve({ code, signal }));
      child.once('error', (error) => {
        hooks.onLine(`cannot start ${this.command.command}: ${error.message}`, 'stderr');
        resolve({ code: 127, signal: null });
      });
    });
    void exited.then((exit) => hooks.onExit(exit));
    return {
      pid: child.pid,
      exited,
      kill: () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      },
    };
  }
}
