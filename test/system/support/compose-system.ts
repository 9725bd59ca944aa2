import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { runCommand } from '../../docker/packaging-support';
import { ComposeStack } from '../../docker/packaging-stack-support';
import { testDocker } from '../../support/docker';
import { SEED_ENV, SeedSystem } from '../seed-cases';
import { GatewayClient } from './gateway-client';
import { runNpmScript } from './npm-script';
import { eventually, jsonLines } from './system-run';

const HELLO_APP = 'examples/hello-app/generator.yml';

/**
 * The example app's config as a user makes it for Compose: `npm run generate` into a scratch
 * directory, `npm run build:functions` (the Manager in Compose uses the host's engine, so host images
 * serve; the tags are the generator's, shared with `npm start`, and kept), then functions.yml and
 * routing.yml copied into `configDir`.
 */
async function writeHelloAppConfig(configDir: string): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'composeseed-generated-'));
  try {
    await runNpmScript('generate', ['--config', HELLO_APP, '--out', out]);
    await runNpmScript('build:functions', ['--out', out]);
    // As generated: functions verify the Gateway's certificate (the Manager gives them it).
    writeFileSync(
      join(configDir, 'functions.yml'),
      readFileSync(join(out, 'functions.yml'), 'utf8'),
    );
    writeFileSync(join(configDir, 'routing.yml'), readFileSync(join(out, 'routing.yml'), 'utf8'));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** `node -e` in a service's container (the app images have node but no shell); its stdout. */
async function nodeIn(stack: ComposeStack, service: string, script: string): Promise<string> {
  const result = await stack.exec(service, ['node', '-e', script]);
  if (result.code !== 0) throw new Error(`node -e in ${service}: ${result.stderr}`);
  return result.stdout;
}

/**
 * The Manager's own `GET /health/ready`, asked from inside its container: it publishes no port (by
 * design), so the test runs node there against the address it listens on (MANAGER_HOST: its
 * control-network address in Compose; 127.0.0.1 for a wildcard) — the same answer the Gateway gets,
 * without opening anything.
 */
const READINESS_SCRIPT = `const host = ['', '0.0.0.0', '::'].includes(process.env.MANAGER_HOST || '')
  ? '127.0.0.1' : process.env.MANAGER_HOST;
fetch('http://' + host + ':' + process.env.MANAGER_PORT + '/health/ready')
  .then(async (r) => process.stdout.write(JSON.stringify({ status: r.status, body: await r.json() })))
  .catch((e) => { console.error(String(e)); process.exit(1); });`;

/** The Gateway's self-signed certificate (kept in its TLS volume), to trust it and nothing else. */
const CERTIFICATE_SCRIPT = `process.stdout.write(require('fs').readFileSync('.onpre/tls/gateway.crt', 'utf8'))`;

/**
 * The example app served by `docker-compose -f docker-compose.yml -f docker-compose.test.yml` (own
 * project, Lambda network and Manager instance; `ComposeStack`): start in `beforeAll`, `stop` in
 * `afterAll`.
 */
export class ComposeSeedSystem implements SeedSystem {
  readonly stack = new ComposeStack('seed', { env: SEED_ENV, writeConfig: writeHelloAppConfig });
  readonly docker = testDocker();
  readonly runId = this.stack.id;
  readonly credentials = {
    apiKey: this.stack.env.X_API_KEY,
    user: this.stack.env.AUTH_USER,
    password: this.stack.env.AUTH_PASS,
  };
  private client?: GatewayClient;
  private gatewayPort = 0;
  private certificate = '';

  async start(): Promise<void> {
    await this.stack.up();
    this.gatewayPort = await this.stack.portOf('gateway', 8443);
    this.certificate = await nodeIn(this.stack, 'gateway', CERTIFICATE_SCRIPT);
    this.client = this.anonymousClient();
    const { apiKey, user, password } = this.credentials;
    await this.client.login(apiKey, user, password);
  }

  stop(): Promise<void> {
    return this.stack.down();
  }

  get gateway(): GatewayClient {
    if (!this.client) throw new Error('the stack has not started');
    return this.client;
  }

  anonymousClient(): GatewayClient {
    return new GatewayClient(this.gatewayPort, this.certificate);
  }

  async managerReadiness(): Promise<{ status: number; body: unknown }> {
    return JSON.parse(await nodeIn(this.stack, 'manager', READINESS_SCRIPT)) as {
      status: number;
      body: unknown;
    };
  }

  containers(functionName: string, all = false): Promise<Docker.ContainerInfo[]> {
    return this.docker.listContainers({
      all,
      filters: {
        label: [`onpre-lambda.instance=${this.stack.id}`, `onpre-lambda.function=${functionName}`],
      },
    });
  }

  async gatewayLines(): Promise<Array<Record<string, unknown>>> {
    return jsonLines(await this.stack.logs('gateway'));
  }

  async functionLog(containerId: string): Promise<string> {
    const result = await runCommand('docker', ['logs', containerId]);
    return result.stdout + result.stderr;
  }

  /** Counted in `docker logs` of the Manager's container, which keeps the lines of earlier runs. */
  async containerStarts(functionName: string): Promise<number> {
    return (await this.stack.logs('manager')).split(`started lambda-${functionName}-`).length - 1;
  }

  /**
   * `docker restart` of the Manager's container (the Lambda containers keep running; the new Manager
   * adopts them), then waits until Docker reports it healthy and it answers ready.
   */
  async restartManager(): Promise<void> {
    const manager = await this.stack.containerOf('manager');
    const startedBefore = (await manager.inspect()).State.StartedAt;
    await manager.restart({ t: 10 });
    if ((await manager.inspect()).State.StartedAt === startedBefore)
      throw new Error('the Manager container did not restart');
    await this.stack.waitHealthy('manager');
    const ready = await eventually(
      async () => (await this.managerReadiness().catch(() => undefined))?.status === 200,
      60,
    );
    if (!ready) throw new Error('the restarted Manager never answered ready');
  }
}
