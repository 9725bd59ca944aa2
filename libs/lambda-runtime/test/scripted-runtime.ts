import { RuntimeApiClient } from '../src/node-client/runtime-api-client';
import type {
  ProcessExit,
  RuntimeLauncher,
  RuntimeProcess,
  RuntimeProcessHooks,
} from '../src/sandbox/runtime-process';

/** What the scripted runtime does with an event: answer, fail, exit the process or never finish. */
export type Behaviour =
  | { respond: string }
  | { respondThenExit: string }
  | { respondWhen: Promise<unknown>; body: string }
  | { fail: { errorType: string; errorMessage: string } }
  | { exit: number }
  | { hang: true };

export interface Script {
  /** Before the first `next` call: succeed, report an init error, exit, or hang. */
  init?: 'ok' | 'init-error' | 'exit' | 'hang';
  /** Init waits for this, so a test controls when it ends. */
  initGate?: Promise<unknown>;
  onEvent(event: Record<string, unknown>): Behaviour;
}

/**
 * A runtime client that lives in the test process and speaks the real Runtime API over HTTP, so the
 * sandbox can be tested without spawning language runtimes.
 */
class ScriptedRuntime implements RuntimeProcess {
  readonly pid = undefined;
  readonly exited: Promise<ProcessExit>;
  private finish!: (exit: ProcessExit) => void;
  private readonly client: RuntimeApiClient;
  private ended = false;

  constructor(
    address: string,
    private readonly script: Script,
    hooks: RuntimeProcessHooks,
  ) {
    this.client = new RuntimeApiClient(address);
    this.exited = new Promise((resolve) => (this.finish = resolve));
    void this.exited.then((exit) => hooks.onExit(exit));
    void this.run(hooks).catch(() => this.end({ code: 1, signal: null }));
  }

  kill(): void {
    this.end({ code: null, signal: 'SIGKILL' });
  }

  private end(exit: ProcessExit): void {
    if (this.ended) return;
    this.ended = true;
    this.client.close();
    this.finish(exit);
  }

  private async run(hooks: RuntimeProcessHooks): Promise<void> {
    await this.script.initGate;
    const init = this.script.init ?? 'ok';
    if (init === 'hang') return;
    if (init === 'exit') return this.end({ code: 2, signal: null });
    if (init === 'init-error') {
      await this.client.postInitError({
        errorType: 'Runtime.ImportModuleError',
        errorMessage: 'no module',
      });
      return this.end({ code: 1, signal: null });
    }
    while (!this.ended) {
      const next = await this.client.next();
      const requestId = String(next.headers['lambda-runtime-aws-request-id']);
      hooks.onLine(JSON.stringify({ level: 'INFO', message: `got ${next.body}` }), 'stdout');
      const behaviour = this.script.onEvent(JSON.parse(next.body) as Record<string, unknown>);
      if ('respond' in behaviour) await this.client.postResponse(requestId, behaviour.respond);
      else if ('respondWhen' in behaviour) {
        await behaviour.respondWhen;
        await this.client.postResponse(requestId, behaviour.body);
      } else if ('respondThenExit' in behaviour) {
        await this.client.postResponse(requestId, behaviour.respondThenExit);
        return this.end({ code: 0, signal: null });
      } else if ('fail' in behaviour) await this.client.postError(requestId, behaviour.fail);
      else if ('exit' in behaviour) return this.end({ code: behaviour.exit, signal: null });
      else return;
    }
  }
}

export class ScriptedLauncher implements RuntimeLauncher {
  launches = 0;
  address = '';

  constructor(private readonly script: Script) {}

  launch(hooks: RuntimeProcessHooks): RuntimeProcess {
    this.launches += 1;
    return new ScriptedRuntime(this.address, this.script, hooks);
  }
}
