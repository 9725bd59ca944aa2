import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { send } from './wire';

/** The built Gateway (npm run build; npm test does it first). */
const MAIN = join(__dirname, '../../../dist/apps/gateway/apps/gateway/src/main.js');

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** The built Gateway as its own process on 127.0.0.1, plain HTTP; its stdout and stderr are kept. */
export class GatewayProcess {
  port = 0;
  stdout = '';
  stderr = '';
  private child?: ChildProcess;

  async start(env: Record<string, string>): Promise<this> {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first`);
    this.port = await freePort();
    this.child = spawn(process.execPath, [MAIN], {
      env: {
        PATH: process.env.PATH ?? '',
        GATEWAY_TLS: 'false',
        GATEWAY_HOST: '127.0.0.1',
        GATEWAY_PORT: String(this.port),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (chunk: Buffer) => (this.stdout += chunk.toString('utf8')));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    for (let attempt = 0; attempt < 300; attempt += 1) {
      if (!this.running) throw new Error(`the Gateway exited: ${this.stderr}`);
      const live = await send(this.port, { method: 'GET', path: '/health/live' }).catch(() => null);
      if (live?.status === 200) return this;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the Gateway did not answer on port ${this.port}`);
  }

  /** The process id (its RSS is read from /proc). */
  get pid(): number {
    if (this.child?.pid === undefined) throw new Error('the Gateway is not running');
    return this.child.pid;
  }

  get running(): boolean {
    return (
      this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null
    );
  }

  async stop(): Promise<void> {
    if (!this.child || !this.running) return;
    const exited = new Promise((resolve) => this.child?.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}
