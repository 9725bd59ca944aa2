import type Docker from 'dockerode';
import { resolve } from 'node:path';
import { readDevSettings } from '../../../scripts/dev/settings';
import { testDocker } from '../../support/docker';
import { appProcess, DevModeRun } from './dev-mode-process';
import { GatewayClient } from './gateway-client';

/** The fixture app of the fault cases (test/system/app). */
export const SYSTEM_APP = resolve(__dirname, '../app/generator.yml');
const READY_TIMEOUT_MS = 170_000;
const MANAGER_RESTARTED = 'dev: manager restarted';

/** One `npm start` system shared by a file's cases: start in `beforeAll`, `stop` in `afterAll`. */
export class SystemRun {
  readonly run = new DevModeRun();
  readonly docker = testDocker();
  readonly credentials = readDevSettings({}, [], '/', () => false).credentials;
  private client?: GatewayClient;

  /** Starts `npm start` with `env` on top of the harness's settings, then logs in. */
  async start(env: Record<string, string>, readyTimeoutMs = READY_TIMEOUT_MS): Promise<void> {
    await this.run.start(readyTimeoutMs, env);
    this.client = this.anonymousClient();
    const { apiKey, user, password } = this.credentials;
    await this.client.login(apiKey, user, password);
  }

  /** The logged-in client. */
  get gateway(): GatewayClient {
    if (!this.client) throw new Error('the system has not started');
    return this.client;
  }

  anonymousClient(): GatewayClient {
    return new GatewayClient(this.run.gatewayPort, this.run.certificate);
  }

  /**
   * SIGUSR2 to `npm start`: it replaces the Manager process (docs/dev-mode.md). Resolves with the new
   * Manager's process id once it is ready.
   */
  async restartManager(): Promise<number> {
    const previous = appProcess('manager', this.run.id);
    const outputBefore = this.run.output.length;
    this.run.child?.kill('SIGUSR2');
    const restarted = await eventually(
      async () => this.run.output.slice(outputBefore).includes(MANAGER_RESTARTED),
      240,
      250,
    );
    const current = appProcess('manager', this.run.id);
    if (!restarted || current === undefined || current === previous)
      throw new Error(`the Manager did not restart:\n${this.run.output.slice(outputBefore)}`);
    return current;
  }

  /** How often the Manager has logged a start of one of `functionName`'s containers (LOG_LEVEL info). */
  containerStarts(functionName: string): number {
    return this.run.output.split(`started lambda-${functionName}-`).length - 1;
  }

  stop(): Promise<void> {
    return this.run.cleanUp(this.docker);
  }

  /** Containers of one function in this run's instance (running ones unless `all`). */
  containers(functionName: string, all = false): Promise<Docker.ContainerInfo[]> {
    return this.docker.listContainers({
      all,
      filters: {
        label: [`onpre-lambda.instance=${this.run.id}`, `onpre-lambda.function=${functionName}`],
      },
    });
  }
}

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` every `intervalMs` until it answers true; false after `attempts` tries. */
export async function eventually(
  probe: () => Promise<boolean>,
  attempts: number,
  intervalMs = 500,
): Promise<boolean> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt > 0) await delay(intervalMs);
    if (await probe()) return true;
  }
  return false;
}

/** The JSON objects among `npm start`'s output lines. */
export function jsonLines(output: string): Array<Record<string, unknown>> {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
}
