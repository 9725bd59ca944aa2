import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { INVOKE_PATH, RUNTIME_READY_PATH } from '@app/contracts';
import { buildImage, publishedPort } from '../support/docker';
import { demuxDockerLogs } from '../support/function-logs';

export { demuxDockerLogs };

const FIXTURES = join(__dirname, '..', 'fixtures', 'functions');
export const TEST_LABEL = 'onpre-lambda.test';

/** The runtime fixtures under test/fixtures/functions. */
export type RuntimeFixture = 'node' | 'python' | 'provided' | 'go' | 'ruby' | 'java';

interface Tree {
  files: Record<string, string>;
  modes: Record<string, number>;
}

/** Every file under `dir` with its permission bits, keyed by its path relative to `dir`. */
function readTree(dir: string, prefix = '', tree: Tree = { files: {}, modes: {} }): Tree {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const name = `${prefix}${entry.name}`;
    if (entry.isDirectory()) readTree(path, `${name}/`, tree);
    else {
      tree.files[name] = readFileSync(path, 'utf8');
      tree.modes[name] = statSync(path).mode & 0o777;
    }
  }
  return tree;
}

/**
 * Builds a function image from a fixture directory on one of our runtime images, the way SAM
 * generated Dockerfiles do: a fixture's `layer/` goes to /opt, the code to /var/task. A fixture
 * with its own Dockerfile (a compile step) gets the runtime image as RUNTIME_IMAGE.
 */
async function buildFunctionImage(
  docker: Docker,
  tag: string,
  runtimeImage: string,
  fixture: RuntimeFixture,
): Promise<void> {
  await docker
    .getImage(runtimeImage)
    .inspect()
    .catch(() => {
      throw new Error(`${runtimeImage} is missing: run \`npm run images:base\` first`);
    });
  const dir = join(FIXTURES, fixture);
  const { files, modes } = readTree(dir);
  const ownDockerfile = existsSync(join(dir, 'Dockerfile'));
  const layer = existsSync(join(dir, 'layer')) ? 'COPY layer/ /opt/\n' : '';
  if (!ownDockerfile) files.Dockerfile = `FROM ${runtimeImage}\n${layer}COPY . /var/task/\n`;
  await buildImage(docker, tag, files, { RUNTIME_IMAGE: runtimeImage }, modes);
}

export interface StartOptions {
  /** Run as function containers are hardened: uid 993, read-only root, only /tmp writable. */
  hardened?: boolean;
  /** How long the runtime may take to report ready (default 15 s; a JVM on a loaded machine). */
  readyWithinMs?: number;
}

/** Lambda's sandbox user (sbx_user1051) in every base image. */
const HARDENED_USER = '993:990';
const HARDENED_HOST_CONFIG = {
  ReadonlyRootfs: true,
  Tmpfs: { '/tmp': 'rw,nosuid,nodev,size=64m' },
  CapDrop: ['ALL'],
  SecurityOpt: ['no-new-privileges'],
};

export interface InvokeResult {
  status: number;
  headers: Headers;
  text: string;
  json: () => unknown;
}

export interface RunningFunction {
  container: Docker.Container;
  baseUrl: string;
  invoke(event: unknown, headers?: Record<string, string>): Promise<InvokeResult>;
  logLines(): Promise<Array<Record<string, unknown>>>;
  /** Polls the container's log until a line matches (e.g. a START or REPORT line). */
  waitForLog(matches: (line: Record<string, unknown>) => boolean): Promise<void>;
}

/**
 * One test suite's function image and containers. Names carry a per-run id, so concurrent runs of
 * the same suite (another engineer, CI) never touch each other's containers; `cleanup` removes
 * exactly what this run created.
 */
export class FunctionTestRun {
  readonly image: string;
  private readonly containers: Docker.Container[] = [];

  constructor(
    private readonly docker: Docker,
    private readonly suite: string,
  ) {
    this.image = `onpre-lambda/runtime-test-${suite}:${process.pid}-${Date.now().toString(36)}`;
  }

  build(runtimeImage: string, fixture: RuntimeFixture): Promise<void> {
    return buildFunctionImage(this.docker, this.image, runtimeImage, fixture);
  }

  /** Starts a container (port published on 127.0.0.1) and waits until it reports ready. */
  async start(
    handler: string,
    env: Record<string, string> = {},
    options: StartOptions = {},
  ): Promise<RunningFunction> {
    const container = await this.docker.createContainer({
      Image: this.image,
      Cmd: [handler],
      Env: Object.entries(env).map(([key, value]) => `${key}=${value}`),
      Labels: { [TEST_LABEL]: this.suite },
      ExposedPorts: { '8080/tcp': {} },
      ...(options.hardened ? { User: HARDENED_USER } : {}),
      HostConfig: {
        PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] },
        ...(options.hardened ? HARDENED_HOST_CONFIG : {}),
      },
    });
    this.containers.push(container);
    await container.start();
    const baseUrl = `http://127.0.0.1:${await publishedPort(container)}`;
    await waitForReadiness(`${baseUrl}${RUNTIME_READY_PATH}`, options.readyWithinMs);
    const logLines = async () => jsonLines(await container.logs({ stdout: true, stderr: true }));
    return {
      container,
      baseUrl,
      logLines,
      async waitForLog(matches) {
        const deadline = Date.now() + REQUEST_TIMEOUT_MS;
        while (!(await logLines()).some(matches)) {
          if (Date.now() > deadline) throw new Error('expected log line did not appear');
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      },
      async invoke(event, headers = {}) {
        const response = await fetch(`${baseUrl}${INVOKE_PATH}`, {
          method: 'POST',
          headers,
          body: typeof event === 'string' ? event : JSON.stringify(event),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        const text = await response.text();
        return {
          status: response.status,
          headers: response.headers,
          text,
          json: () => JSON.parse(text),
        };
      },
    };
  }

  /** Runs a container that is expected to stop on its own; its exit code and JSON log lines. */
  async runToExit(
    handler: string,
    env: Record<string, string>,
  ): Promise<{ exitCode: number; lines: Array<Record<string, unknown>> }> {
    const container = await this.docker.createContainer({
      Image: this.image,
      Cmd: [handler],
      Env: Object.entries(env).map(([key, value]) => `${key}=${value}`),
      Labels: { [TEST_LABEL]: this.suite },
    });
    this.containers.push(container);
    await container.start();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    const raw = await container.logs({ stdout: true, stderr: true });
    return { exitCode: StatusCode, lines: jsonLines(raw) };
  }

  async cleanup(): Promise<void> {
    await Promise.all(
      this.containers.map((container) => container.remove({ force: true }).catch(() => undefined)),
    );
    await this.docker
      .getImage(this.image)
      .remove({ force: true })
      .catch(() => undefined);
  }
}

/** The JSON lines of a container's log. */
function jsonLines(raw: Buffer): Array<Record<string, unknown>> {
  return demuxDockerLogs(raw)
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** A hung request fails its test instead of the whole run. */
const REQUEST_TIMEOUT_MS = 30_000;

/** Ready means any answer but 503 (an init failure answers 500 and is reported by invokes). */
async function waitForReadiness(url: string, withinMs = 15_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    const status = await fetch(url, { signal: AbortSignal.timeout(1000) }).then(
      (response) => response.status,
      () => 0,
    );
    if (status !== 0 && status !== 503) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${url} did not become ready within ${withinMs / 1000} s`);
}

/** Sum of the resident memory (kB) of every process in a container, as `docker top` reports it. */
export async function containerRssKb(container: Docker.Container): Promise<number> {
  const top = (await container.top({ ps_args: '-o pid,rss' })) as {
    Titles: string[];
    Processes: string[][];
  };
  const column = top.Titles.indexOf('RSS');
  return top.Processes.reduce((sum, row) => sum + Number(row[column]), 0);
}
