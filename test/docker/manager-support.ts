import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { INSTANCE_LABEL, INVOKE_TOKEN_HEADER, LABELS, MANAGER_TOKEN_HEADER } from '@app/contracts';
import { invokeTokenFor } from '@app/platform';
import { createManagerApp, TEST_TOKEN } from '../../apps/manager/test/manager-app';
import { buildImage } from '../support/docker';

/** Echo runtime on the local base: /health, and the RIE invoke path answering the event back. */
export const ECHO_IMAGE = 'onpre-lambda/mgrtest-echo:latest';

const ECHO_SERVER = `
const http = require('http');
process.on('SIGTERM', () => process.exit(0));
http.createServer((req, res) => {
  if (req.url === '/health') return res.end('ok');
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ event: body ? JSON.parse(body) : null, env: process.env }));
  });
}).listen(8080);
`;

export async function buildEchoImage(docker: Docker): Promise<void> {
  await buildImage(docker, ECHO_IMAGE, {
    Dockerfile: [
      'ARG BASE_IMAGE=onpre-lambda/base-node:20',
      'FROM ${BASE_IMAGE}',
      'COPY server.js /srv/server.js',
      'CMD ["node", "/srv/server.js"]',
    ].join('\n'),
    'server.js': ECHO_SERVER,
  });
}

/** Names unique to one test file: functions, instance label value, Lambda network, temp dir. */
export class ManagerTestScope {
  readonly id = `mgrtest${randomBytes(3).toString('hex')}`;
  readonly instance = this.id;
  readonly network = `${this.id}-net`;
  readonly dir = mkdtempSync(join(tmpdir(), `${this.id}-`));
  readonly functionsFile = join(this.dir, 'functions.yml');
  private readonly apps = new Set<NestFastifyApplication>();

  constructor(private readonly docker: Docker) {}

  fn(name: string): string {
    return `${this.id}-${name}`;
  }

  /** Writes functions.yml: `{name: extra YAML lines}`, each using the echo image. */
  writeFunctions(functions: Record<string, Record<string, unknown>>): void {
    const entries = Object.entries(functions).map(([name, extra]) => [
      this.fn(name),
      { image: ECHO_IMAGE, ...extra },
    ]);
    writeFileSync(this.functionsFile, JSON.stringify({ functions: Object.fromEntries(entries) }));
  }

  async startManager(env: Record<string, string> = {}): Promise<NestFastifyApplication> {
    const app = await createManagerApp(
      {},
      {
        MANAGER_INSTANCE: this.instance,
        LAMBDA_NETWORK: this.network,
        FUNCTIONS_FILE: this.functionsFile,
        READY_TIMEOUT_SECONDS: '20',
        ...env,
      },
    );
    this.apps.add(app);
    return app;
  }

  /** Closes the app the way a crash would leave things: containers keep running. */
  async stopManager(app: NestFastifyApplication): Promise<void> {
    this.apps.delete(app);
    await app.close();
  }

  /** Every container carrying this scope's instance label, in any state. */
  async containers(functionName?: string): Promise<Docker.ContainerInfo[]> {
    const label = [`${INSTANCE_LABEL}=${this.instance}`];
    if (functionName) label.push(`${LABELS.function}=${functionName}`);
    return this.docker.listContainers({ all: true, filters: { label } });
  }

  async cleanUp(): Promise<void> {
    for (const app of this.apps) await app.close().catch(() => undefined);
    const leftovers = await this.docker.listContainers({
      all: true,
      filters: { name: [this.id] },
    });
    for (const info of leftovers) {
      await this.docker
        .getContainer(info.Id)
        .remove({ force: true })
        .catch(() => undefined);
    }
    await this.docker
      .getNetwork(this.network)
      .remove()
      .catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function ensure(app: NestFastifyApplication, fn: string, reason?: 'cold' | 'scale') {
  return app.inject({
    method: 'POST',
    url: '/functions/ensure',
    headers: { [MANAGER_TOKEN_HEADER]: TEST_TOKEN },
    payload: { function: fn, ...(reason ? { reason } : {}) },
  });
}

/**
 * Posts an event to a container as the Gateway does. Containers on the project's runtime images
 * answer only with their function's invoke token: pass `functionName` for those.
 */
export async function invoke(
  url: string,
  event: unknown,
  functionName?: string,
): Promise<{ event: unknown; env: Record<string, string> }> {
  const response = await fetch(`${url}/2015-03-31/functions/function/invocations`, {
    method: 'POST',
    body: JSON.stringify(event),
    headers: functionName
      ? { [INVOKE_TOKEN_HEADER]: invokeTokenFor(TEST_TOKEN, functionName) }
      : {},
  });
  return (await response.json()) as { event: unknown; env: Record<string, string> };
}

/** Polls `check` until it returns true; fails with `what` after `timeoutMs` (no timing asserted). */
export async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting until ${what}`);
}
