// Warm-path benchmark: the same function called directly at its container addresses and through
// the Gateway (HTTPS + JWT + routing + API Gateway event mapping), in one run, with autocannon.
// Prints p50/p99 latency and req/s for both at c=1 and c=32, the ratios, and the targets:
// added p50 ≤ 1 ms and p99 ≤ 5 ms at c=1; Gateway throughput ≥ 50 % of direct at c=32.
//   npm run bench:warm [-- <seconds per run, default 10>] [--json <file>]
// Results go to bench/results/warm-path-<time>.json, or to <file> with --json (scripts/bench.mjs reads it).
// Function: 32 containers of a function built on onpre-lambda/runtime-nodejs:20 when that image
// exists (npm run images:base), else an RIE-like echo process on 32 ports. RIE serves one invocation
// at a time, so "direct" at c=32 is 32 clients with one connection each, one per container; the
// Gateway sees the same 32 containers through a stub Manager. The Gateway runs from `dist` (built
// here) with its default settings, including request logging.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import Docker from 'dockerode';
import { Agent, request } from 'undici';
import { freePort, until } from './support.mjs';

const jsonFlag = process.argv.indexOf('--json');
const JSON_FILE = jsonFlag > 0 ? process.argv[jsonFlag + 1] : undefined;
const SECONDS = Number(
  process.argv
    .slice(2)
    .find((arg, index, args) => !arg.startsWith('--') && args[index - 1] !== '--json') ?? 10,
);
const CONTAINERS = 32;
const RUNTIME_IMAGE = 'onpre-lambda/runtime-nodejs:20';
const FUNCTION_IMAGE = `onpre-lambda/bench-warm-function:${process.pid}`;
const INVOKE_PATH = '/2015-03-31/functions/function/invocations';
const root = new URL('..', import.meta.url).pathname;
const docker = new Docker();
const cleanups = [];
const insecure = new Agent({ connect: { rejectUnauthorized: false } });

async function runtimeImagePresent() {
  return docker
    .getImage(RUNTIME_IMAGE)
    .inspect()
    .then(() => true)
    .catch(() => false);
}

/** 32 running function containers on our runtime; their base URLs. */
async function startContainers() {
  const dir = mkdtempSync(join(tmpdir(), 'warm-path-image-'));
  writeFileSync(
    join(dir, 'Dockerfile'),
    `FROM ${RUNTIME_IMAGE}\nCOPY app.js /var/task/\nCMD ["app.handler"]\n`,
  );
  writeFileSync(
    join(dir, 'app.js'),
    "exports.handler = async () => ({ statusCode: 200, headers: { 'content-type': 'text/plain' }, body: 'ok' });\n",
  );
  const build = spawnSync('docker', ['build', '-q', '-t', FUNCTION_IMAGE, dir], {
    env: { ...process.env, DOCKER_BUILDKIT: '0' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  rmSync(dir, { recursive: true, force: true });
  if (build.status !== 0) throw new Error('building the function image failed');
  cleanups.push(() => docker.getImage(FUNCTION_IMAGE).remove({ force: true }));
  const urls = [];
  for (let index = 0; index < CONTAINERS; index++) {
    const port = await freePort();
    const container = await docker.createContainer({
      Image: FUNCTION_IMAGE,
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

function startStubs(urls) {
  const child = spawn(
    process.execPath,
    [join(root, 'bench/warm-path-upstream.mjs'), String(CONTAINERS)],
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

async function startGateway(managerUrl) {
  const build = spawnSync('npx', ['nest', 'build', 'gateway'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('nest build gateway failed');
  const work = mkdtempSync(join(tmpdir(), 'warm-path-'));
  const routingFile = join(work, 'routing.yml');
  writeFileSync(routingFile, 'routes:\n  - path: /bench\n    method: POST\n    function: bench\n');
  const port = await freePort();
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    GATEWAY_PORT: String(port),
    GATEWAY_HOST: '127.0.0.1',
    GATEWAY_TLS: 'true',
    TLS_DIR: join(work, 'tls'),
    MANAGER_URL: managerUrl,
    ROUTING_FILE: routingFile,
  };
  const main = join(root, 'dist/apps/gateway/apps/gateway/src/main.js');
  const child = spawn(process.execPath, [main], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  cleanups.push(() => child.kill('SIGTERM'));
  const url = `https://127.0.0.1:${port}`;
  await until('the Gateway to start', async () => {
    const response = await request(`${url}/health/live`, { dispatcher: insecure });
    await response.body.dump();
    return response.statusCode === 200;
  });
  return url;
}

async function login(url) {
  const response = await request(`${url}/user/auth/ver1.0`, {
    method: 'POST',
    dispatcher: insecure,
    headers: {
      'x-api-key': 'dev-api-key-change-in-production',
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      AuthParameters: { USERNAME: 'onpremise-user', PASSWORD: 'onpremise-pass' },
    }),
  });
  return (await response.body.json()).AuthenticationResult.IdToken;
}

function load(url, connections, headers, duration) {
  return new Promise((resolve, reject) => {
    autocannon(
      { url, method: 'POST', body: '{"bench":true}', headers, connections, duration },
      (error, result) => {
        // A run that starts right after another can meet a container still finishing the request
        // the previous run abandoned at its deadline (RIE answers that one 409); more than that fails.
        const failed = result.non2xx + result.errors;
        if (error) reject(error);
        else if (failed > Math.max(3, result.requests.total * 0.001)) {
          reject(new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`));
        } else {
          const { p50, p99 } = result.latency;
          resolve({ p50, p99, rps: result.requests.average, failed });
        }
      },
    );
  });
}

/** c=1 against one container; c=32 as one connection per container (RIE's rule), combined. */
async function loadDirect(urls, connections, duration) {
  const headers = { 'content-type': 'application/json' };
  const targets = urls.slice(0, connections).map((url) => `${url}${INVOKE_PATH}`);
  const runs = await Promise.all(targets.map((url) => load(url, 1, headers, duration)));
  const sorted = (key) => runs.map((run) => run[key]).sort((a, b) => a - b);
  return {
    p50: sorted('p50')[Math.floor(runs.length / 2)],
    p99: sorted('p99').at(-1),
    rps: runs.reduce((sum, run) => sum + run.rps, 0),
    failed: runs.reduce((sum, run) => sum + run.failed, 0),
  };
}

async function main() {
  const containerMode = await runtimeImagePresent();
  const containerUrls = containerMode ? await startContainers() : undefined;
  const { urls, managerUrl } = await startStubs(containerUrls);
  const gatewayUrl = await startGateway(managerUrl);
  const token = await login(gatewayUrl);
  const gatewayHeaders = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const results = {};
  for (const connections of [1, CONTAINERS]) {
    await loadDirect(urls, connections, 2);
    await load(`${gatewayUrl}/bench`, connections, gatewayHeaders, 2);
    results[connections] = {
      direct: await loadDirect(urls, connections, SECONDS),
      gateway: await load(`${gatewayUrl}/bench`, connections, gatewayHeaders, SECONDS),
    };
  }
  const row = (name, r) =>
    `  ${name.padEnd(8)} p50 ${String(r.p50).padStart(5)} ms  p99 ${String(r.p99).padStart(5)} ms  ` +
    `${r.rps.toFixed(0).padStart(7)} req/s${r.failed ? `  (${r.failed} non-2xx)` : ''}`;
  const upstream = containerMode
    ? `${CONTAINERS} containers of ${RUNTIME_IMAGE}`
    : 'RIE-like echo process';
  console.log(
    `warm path, ${SECONDS} s per run, function: ${upstream} (autocannon; latency in whole ms)`,
  );
  for (const [connections, { direct, gateway }] of Object.entries(results)) {
    console.log(`c=${connections}`);
    console.log(row('direct', direct));
    console.log(row('gateway', gateway));
    console.log(`  gateway/direct throughput ${((gateway.rps / direct.rps) * 100).toFixed(0)} %`);
  }
  const one = results[1];
  const addedP50 = one.gateway.p50 - one.direct.p50;
  const addedP99 = one.gateway.p99 - one.direct.p99;
  const share = results[CONTAINERS].gateway.rps / results[CONTAINERS].direct.rps;
  const verdict = (ok) => (ok ? 'met' : 'NOT met');
  console.log('targets:');
  console.log(`  added p50 at c=1: ${addedP50} ms (≤ 1 ms: ${verdict(addedP50 <= 1)})`);
  console.log(`  added p99 at c=1: ${addedP99} ms (≤ 5 ms: ${verdict(addedP99 <= 5)})`);
  console.log(
    `  throughput at c=32: ${(share * 100).toFixed(0)} % of direct (≥ 50 %: ${verdict(share >= 0.5)})`,
  );
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  writeFileSync(
    JSON_FILE ?? join(root, `bench/results/warm-path-${stamp}.json`),
    JSON.stringify({ seconds: SECONDS, upstream, results }, null, 2),
  );
}

try {
  await main();
} finally {
  for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
  await insecure.close();
}
