// The warm-path benchmarks' set-up (bench/warm-path.mjs, bench/warm-pipeline.mjs): function
// containers on our Node.js runtime (or an RIE-like echo process when the image is missing), a stub
// Manager that lists them, and built Gateways as processes in front of it. Each start function
// pushes its own cleanup onto the `cleanups` array it is given.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Docker from 'dockerode';
import { request } from 'undici';
import { freePort, INSECURE, until } from './support.mjs';

export const RUNTIME_IMAGE = 'onpre-lambda/runtime-nodejs:20';
export const INVOKE_PATH = '/2015-03-31/functions/function/invocations';
const root = new URL('..', import.meta.url).pathname;
const docker = new Docker();

export async function runtimeImagePresent() {
  return docker
    .getImage(RUNTIME_IMAGE)
    .inspect()
    .then(() => true)
    .catch(() => false);
}

/** `count` running containers of a one-line handler on our runtime; their base URLs. */
export async function startFunctionContainers(count, cleanups) {
  const image = `onpre-lambda/bench-warm-function:${process.pid}`;
  const dir = mkdtempSync(join(tmpdir(), 'warm-path-image-'));
  writeFileSync(
    join(dir, 'Dockerfile'),
    `FROM ${RUNTIME_IMAGE}\nCOPY app.js /var/task/\nCMD ["app.handler"]\n`,
  );
  writeFileSync(
    join(dir, 'app.js'),
    "exports.handler = async () => ({ statusCode: 200, headers: { 'content-type': 'text/plain' }, body: 'ok' });\n",
  );
  const build = spawnSync('docker', ['build', '-q', '-t', image, dir], {
    env: { ...process.env, DOCKER_BUILDKIT: '0' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  rmSync(dir, { recursive: true, force: true });
  if (build.status !== 0) throw new Error('building the function image failed');
  cleanups.push(() => docker.getImage(image).remove({ force: true }));
  const urls = [];
  for (let index = 0; index < count; index++) {
    const port = await freePort();
    const container = await docker.createContainer({
      Image: image,
      name: `bench-warm-${process.pid}-${index}`,
      Labels: { 'onpre-lambda.bench': 'warm-path' },
      ExposedPorts: { '8080/tcp': {} },
      HostConfig: {
        PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] },
      },
    });
    cleanups.push(() => container.remove({ force: true }));
    await container.start();
    urls.push(`http://127.0.0.1:${port}`);
  }
  for (const url of urls) {
    await until(`${url} to answer`, async () => {
      const response = await request(`${url}${INVOKE_PATH}`, { method: 'POST', body: '{}' });
      await response.body.dump();
      return response.statusCode === 200;
    });
  }
  return urls;
}

/**
 * The stub Manager listing `urls` as the warm containers of function `bench`; without `urls`, also
 * `count` RIE-like echo ports standing in for them. Resolves to `{urls, managerUrl}`.
 */
export function startStubManager(urls, count, cleanups) {
  const child = spawn(
    process.execPath,
    [join(root, 'bench/warm-path-upstream.mjs'), String(count)],
    {
      env: { ...process.env, ...(urls ? { UPSTREAM_URLS: urls.join(',') } : {}) },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  cleanups.push(() => child.kill('SIGTERM'));
  return new Promise((resolve) => {
    createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line)));
  });
}

/** `nest build gateway` in the checkout at `dir`; the path of the built main.js. */
export function buildGateway(dir) {
  const build = spawnSync('npx', ['nest', 'build', 'gateway'], { cwd: dir, stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`nest build gateway failed in ${dir}`);
  return join(dir, 'dist/apps/gateway/apps/gateway/src/main.js');
}

/**
 * A built Gateway (`main`) as a process with its default settings (HTTPS, JWT login, request
 * logging), one route POST /bench → function `bench`, in front of `managerUrl`; its base URL and
 * process id.
 */
export async function startGatewayProcess(main, managerUrl, cleanups) {
  const work = mkdtempSync(join(tmpdir(), 'warm-path-'));
  cleanups.push(() => rmSync(work, { recursive: true, force: true }));
  const routingFile = join(work, 'routing.yml');
  writeFileSync(routingFile, 'routes:\n  - path: /bench\n    method: POST\n    function: bench\n');
  const port = await freePort();
  const child = spawn(process.execPath, [main], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      GATEWAY_PORT: String(port),
      GATEWAY_HOST: '127.0.0.1',
      GATEWAY_TLS: 'true',
      TLS_DIR: join(work, 'tls'),
      MANAGER_URL: managerUrl,
      ROUTING_FILE: routingFile,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  cleanups.push(async () => {
    child.kill('SIGTERM');
    await exited;
  });
  const url = `https://127.0.0.1:${port}`;
  await until('the Gateway to start', async () => {
    const response = await request(`${url}/health/live`, { dispatcher: INSECURE });
    await response.body.dump();
    return response.statusCode === 200;
  });
  return { url, pid: child.pid };
}

/** CPU time (user + system) a process used so far, in µs (Linux /proc; the clock tick is 100 Hz). */
export function cpuMicros(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}
