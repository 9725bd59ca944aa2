import { spawn } from 'node:child_process';
import type { LambdaInvokeError } from '@app/contracts';
import { LineSplitter } from '../logging/runtime-output';
import { execFailure, type LaunchPlan } from './launch-plan';

export interface ProcessExit {
  code: number | null;
  signal: string | null;
  /** Set when the process could not be started at all (e.g. a custom runtime's bootstrap). */
  initError?: LambdaInvokeError;
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

/** Starts runtime clients as child processes with piped output, in the task root. */
export class ChildProcessLauncher implements RuntimeLauncher {
  constructor(
    /** Asked at every launch: a bootstrap may appear or change between restarts. */
    private readonly plan: () => LaunchPlan,
    private readonly env: NodeJS.ProcessEnv,
    private readonly cwd: string,
  ) {}

  launch(hooks: RuntimeProcessHooks): RuntimeProcess {
    const plan = this.plan();
    if (plan.kind === 'invalid') return notStarted(hooks, plan.error);
    const child = spawn(plan.command, plan.args, {
      cwd: this.cwd,
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a kill also ends what it started (a shell bootstrap's curl or
      // sleep), which would otherwise keep the output pipes open and the old invoke running.
      detached: true,
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
      child.once('error', (error: NodeJS.ErrnoException) => {
        hooks.onLine(`cannot start ${plan.command}: ${error.message}`, 'stderr');
        const initError = plan.bootstrap ? execFailure(plan.command, error.code) : undefined;
        resolve({ code: 127, signal: null, initError });
      });
    });
    void exited.then((exit) => hooks.onExit(exit));
    return {
      pid: child.pid,
      exited,
      kill: () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        try {
          if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      },
    };
  }
}

/** A runtime that never started: it "exits" at once with the reason, after the caller has it. */
function notStarted(hooks: RuntimeProcessHooks, initError: LambdaInvokeError): RuntimeProcess {
  const exit: ProcessExit = { code: null, signal: null, initError };
  const exited = new Promise<ProcessExit>((resolve) => setImmediate(() => resolve(exit)));
  void exited.then(() => hooks.onExit(exit));
  return { pid: undefined, exited, kill: () => undefined };
}
