// The built Gateway and Manager as processes for a benchmark: the Manager on real Docker (published
// ports, its own instance label and network), the Gateway in front (HTTPS, JWT), a login token.
// Every name carries the caller's id; `close()` stops both apps and removes what the Manager left.
// Used by bench/burst.mjs and bench/cold-e2e.mjs. Needs `npm run build`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Docker from 'dockerode';
import { Agent, request } from 'undici';
import { freePort, login, until } from './support.mjs';

export const MANAGER_TOKEN = 'bench-stack-manager-token-0123';
export const INVOKE_PATH = '/2015-03-31/functions/function/invocations';
const root = new URL('..', import.meta.url).pathname;
const docker = new Docker();

/** Builds `tag` from `files` (name → content) in `dir`; removal is the caller's. */
export function buildImage(dir, tag, files) {
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  const build = spawnSync('docker', ['build', '-q', '-t', tag, dir], {
    env: { ...process.env, DOCKER_BUILDKIT: '0' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (build.status !== 0) throw new Error(`building ${tag} failed`);
}

export async function requireImage(image) {
  await docker
    .getImage(image)
    .inspect()
    .catch(() => {
      throw new Error(`${image} is missing: run \`npm run images:base\` first`);
    });
}

/**
 * Starts the Manager (functions: name → functions.yml entry) and the Gateway (routes: routing.yml
 * entries). `onManagerLine` sees every line the Manager logs (JSON, LOG_LEVEL info) when given;
 * `nodeArgs` (app → node options, e.g. `--cpu-prof`) are given to that app's node.
 */
export async function startStack({
  id,
  work,
  functions,
  routes,
  managerEnv = {},
  gatewayEnv = {},
  onManagerLine,
  nodeArgs = {},
}) {
  const insecure = new Agent({ connect: { rejectUnauthorized: false }, connections: 256 });
  const cleanups = [() => insecure.close()];
  const close = async () => {
    for (const cleanup of cleanups.reverse())
      await Promise.resolve()
        .then(cleanup)
        .catch(() => undefined);
  };

  /** One of the built apps as a process; resolves once `url + probe` answers 200. */
  async function startApp(app, env, url, pipeLines) {
    const main = join(root, `dist/apps/${app}/apps/${app}/src/main.js`);
    const child = spawn(process.execPath, [...(nodeArgs[app] ?? []), main], {
      cwd: root,
      env: { PATH: process.env.PATH, NODE_ENV: 'development', MANAGER_TOKEN, ...env },
      stdio: ['ignore', pipeLines ? 'pipe' : 'ignore', 'inherit'],
    });
    if (pipeLines) {
      let rest = '';
      child.stdout.on('data', (chunk) => {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop();
        lines.forEach(pipeLines);
      });
    }
    const exited = new Promise((resolve) => child.once('exit', resolve));
    cleanups.push(async () => {
      child.kill('SIGTERM');
      await exited;
    });
    await until(`the ${app} to start`, async () => {
      const response = await request(`${url}/health/live`, { dispatcher: insecure });
      await response.body.dump();
      return response.statusCode === 200;
    });
  }

  const managedContainers = () =>
    docker.listContainers({ all: true, filters: { label: [`onpre-lambda.instance=${id}`] } });

  try {
    const functionsFile = join(work, 'functions.yml');
    writeFileSync(functionsFile, JSON.stringify({ functions }));
    const managerPort = await freePort();
    const managerUrl = `http://127.0.0.1:${managerPort}`;
    // Cleanups run in reverse: the apps stop; then anything the Manager left behind is removed by
    // label, then the network.
    cleanups.push(() => docker.getNetwork(`${id}-net`).remove());
    cleanups.push(async () => {
      for (const container of await managedContainers()) {
        await docker.getContainer(container.Id).remove({ force: true });
      }
    });
    await startApp(
      'manager',
      {
        MANAGER_PORT: String(managerPort),
        MANAGER_HOST: '127.0.0.1',
        MANAGER_INSTANCE: id,
        LAMBDA_NETWORK: `${id}-net`,
        FUNCTIONS_FILE: functionsFile,
        DATA_DIR: join(work, 'manager-data'),
        ADDRESS_MODE: 'published',
        LOG_LEVEL: onManagerLine ? 'info' : 'warn',
        ...managerEnv,
      },
      managerUrl,
      onManagerLine,
    );
    const routingFile = join(work, 'routing.yml');
    writeFileSync(routingFile, JSON.stringify({ routes }));
    const gatewayPort = await freePort();
    const gatewayUrl = `https://127.0.0.1:${gatewayPort}`;
    await startApp(
      'gateway',
      {
        GATEWAY_PORT: String(gatewayPort),
        GATEWAY_HOST: '127.0.0.1',
        TLS_DIR: join(work, 'tls'),
        MANAGER_URL: managerUrl,
        ROUTING_FILE: routingFile,
        ...gatewayEnv,
      },
      gatewayUrl,
    );
    const token = await login(gatewayUrl, insecure);
    const managerCall = async (method, path, body) => {
      const response = await request(`${managerUrl}${path}`, {
        method,
        headers: { 'x-manager-token': MANAGER_TOKEN, 'content-type': 'application/json' },
        body: body && JSON.stringify(body),
      });
      return response.body.json();
    };
    return { managerUrl, gatewayUrl, token, insecure, managerCall, managedContainers, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** One timed POST; never throws (a failure is a result). */
export async function timedCall(url, { dispatcher, headers, body = '{"bench":true}' }) {
  const started = performance.now();
  try {
    const response = await request(url, { method: 'POST', dispatcher, headers, body });
    await response.body.dump();
    return { ms: performance.now() - started, status: response.statusCode };
  } catch (error) {
    return { ms: performance.now() - started, status: 0, error: error.code ?? error.message };
  }
}

export const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

export const median = (values) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
