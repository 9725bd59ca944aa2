import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type Docker from 'dockerode';
import { READY_LINE } from '../../../scripts/dev/banner';

const ROOT = resolve(__dirname, '../../..');

/** A free TCP port on 127.0.0.1 (listen on 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/** `node scripts/start.mjs` with its own ports, instance, network, output and data folders. */
export class DevModeRun {
  readonly id = `devtest${randomBytes(4).toString('hex')}`;
  readonly dir = mkdtempSync(join(tmpdir(), `${this.id}-`));
  readonly tlsDir = join(this.dir, 'tls');
  gatewayPort = 0;
  managerPort = 0;
  output = '';
  child?: ChildProcess;
  exit?: Promise<number | null>;

  /** `env` is applied last: it may override the defaults below (e.g. `LOG_LEVEL`, `ONPRE_APP`). */
  async start(readyTimeoutMs: number, env: Record<string, string> = {}): Promise<void> {
    this.gatewayPort = await freePort();
    this.managerPort = await freePort();
    this.child = spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        GATEWAY_PORT: String(this.gatewayPort),
        MANAGER_PORT: String(this.managerPort),
        MANAGER_INSTANCE: this.id,
        LAMBDA_NETWORK: `${this.id}-net`,
        ONPRE_OUT: join(this.dir, 'generated'),
        ONPRE_DATA_DIR: join(this.dir, 'data'),
        ONPRE_S3_PORT: '0',
        ONPRE_DYNAMODB_PORT: '0',
        ONPRE_LAMBDA_RELAY_PORT: '0',
        TLS_DIR: this.tlsDir,
        LOG_LEVEL: 'warn',
        ...env,
      },
    });
    const child = this.child;
    this.exit = new Promise((resolveExit) => child.once('exit', (code) => resolveExit(code)));
    await new Promise<void>((resolveReady, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`not ready in ${readyTimeoutMs} ms:\n${this.output}`)),
        readyTimeoutMs,
      );
      const onData = (chunk: Buffer) => {
        this.output += chunk.toString('utf8');
        if (this.output.includes(READY_LINE)) {
          clearTimeout(timer);
          resolveReady();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      void this.exit?.then((code) => {
        clearTimeout(timer);
        reject(new Error(`npm start exited (${code}) before ready:\n${this.output}`));
      });
    });
  }

  get certificate(): string {
    return readFileSync(join(this.tlsDir, 'gateway.crt'), 'utf8');
  }

  /** SIGINT as a terminal's Ctrl-C would send it; answers the exit code. */
  interrupt(timeoutMs: number): Promise<number | null> {
    this.child?.kill('SIGINT');
    return this.exited(timeoutMs);
  }

  /** The exit code once `npm start` has exited (fails after `timeoutMs`). */
  async exited(timeoutMs: number): Promise<number | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`still running after ${timeoutMs} ms:\n${this.output}`)),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([this.exit ?? Promise.resolve(null), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Whatever is left after a failed run: the process group, containers, network, folders. */
  async cleanUp(docker: Docker): Promise<void> {
    const child = this.child;
    if (child?.pid && child.exitCode === null && child.signalCode === null) {
      await this.interrupt(30_000).catch(() => undefined);
    }
    for (const pid of processesWithEnvironment('MANAGER_INSTANCE', this.id))
      process.kill(pid, 'SIGKILL');
    const containers = await docker.listContainers({
      all: true,
      filters: { label: [`onpre-lambda.instance=${this.id}`] },
    });
    for (const container of containers)
      await docker.getContainer(container.Id).remove({ force: true });
    await docker
      .getNetwork(`${this.id}-net`)
      .remove()
      .catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Process id of the run's Manager or Gateway (`node dist/apps/<app>/…/main.js`). */
export function appProcess(app: 'manager' | 'gateway', instance: string): number | undefined {
  return processesWithEnvironment('MANAGER_INSTANCE', instance).find((pid) =>
    readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(`dist/apps/${app}/`),
  );
}

/** Process ids whose environment holds `name=value` (Linux /proc; processes of this user). */
export function processesWithEnvironment(name: string, value: string): number[] {
  const wanted = `${name}=${value}`;
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry) && Number(entry) !== process.pid)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(wanted);
      } catch {
        return false;
      }
    })
    .map(Number);
}
