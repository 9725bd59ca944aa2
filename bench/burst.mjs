// Burst benchmark: 100 concurrent requests to a cold function with reserved concurrency 5, through the
// real Gateway (built `dist`, HTTPS + JWT) and the real Manager (built `dist`, real Docker) into real
// containers of a tiny function on onpre-lambda/runtime-nodejs:20. Then, in the same run:
//   - the same burst through the Gateway again, now warm (the containers are running);
//   - the baseline: the same 100 requests sent directly to 5 running containers (the function's pool,
//     topped up to 5 through the Manager if the burst started fewer), 20 queued per container, one at
//     a time each (RIE serves one invocation at a time): what an ideal client that already knows 5
//     warm containers achieves.
// Reports errors, containers started (target ≤ 5), p50/p99/total time of each burst and the ratios.
//   node bench/burst.mjs [requests=100] [--json <file>]     (npm run bench runs it)
// Needs `npm run images:base` and `npm run build`. Every name it creates carries its process id and is
// removed at the end (containers, network, image).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { Agent, request } from 'undici';
import { freePort, until } from './support.mjs';

const jsonFlag = process.argv.indexOf('--json');
const JSON_FILE = jsonFlag > 0 ? process.argv[jsonFlag + 1] : undefined;
const REQUESTS = Number(process.argv[2] && process.argv[2] !== '--json' ? process.argv[2] : 100);
const RESERVED_CONCURRENCY = 5;
/** What the function does per call: a short wait standing in for I/O, then an answer. */
const HANDLER_MS = 20;
const RUNTIME_IMAGE = 'onpre-lambda/runtime-nodejs:20';
const INVOKE_PATH = '/2015-03-31/functions/function/invocations';
const id = `bench-burst-${process.pid}`;
const FUNCTION = `burst${process.pid}`;
const FUNCTION_IMAGE = `onpre-lambda/bench-burst-function:${process.pid}`;
const MANAGER_TOKEN = 'bench-burst-manager-token-0123';
const root = new URL('..', import.meta.url).pathname;
const docker = new Docker();
const work = mkdtempSync(join(tmpdir(), `${id}-`));
const cleanups = [];
const insecure = new Agent({ connect: { rejectUnauthorized: false }, connections: REQUESTS });

function buildFunctionImage() {
  const dir = join(work, 'image');
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'Dockerfile'),
    `FROM ${RUNTIME_IMAGE}\nCOPY app.js /var/task/\nCMD ["app.handler"]\n`,
  );
  writeFileSync(
    join(dir, 'app.js'),
    `exports.handler = async () => {\n  await new Promise((resolve) => setTimeout(resolve, ${HANDLER_MS}));\n` +
      "  return { statusCode: 200, headers: { 'content-type': 'text/plain' }, body: 'ok' };\n};\n",
  );
  const build = spawnSync('docker', ['build', '-q', '-t', FUNCTION_IMAGE, dir], {
    env: { ...process.env, DOCKER_BUILDKIT: '0' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (build.status !== 0) throw new Error('building the function image failed');
  cleanups.push(() => docker.getImage(FUNCTION_IMAGE).remove({ force: true }));
}

/** One of the built apps as a process; resolves once `url + probe` answers 200. */
async function startApp(app, env, url, probe) {
  const main = join(root, `dist/apps/${app}/apps/${app}/src/main.js`);
  const child = spawn(process.execPath, [main], {
    cwd: root,
    env: { PATH: process.env.PATH, NODE_ENV: 'development', MANAGER_TOKEN, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  cleanups.push(async () => {
    child.kill('SIGTERM');
    await exited;
  });
  await until(`the ${app} to start`, async () => {
    const response = await request(`${url}${probe}`, { dispatcher: insecure });
    await response.body.dump();
    return response.statusCode === 200;
  });
}

async function startManager() {
  const functionsFile = join(work, 'functions.yml');
  writeFileSync(
    functionsFile,
    JSON.stringify({
      functions: {
        [FUNCTION]: {
          image: FUNCTION_IMAGE,
          timeout: 10,
          reservedConcurrency: RESERVED_CONCURRENCY,
        },
      },
    }),
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // Cleanups run in reverse: the Manager removes its containers, stops; then anything it left
  // behind is removed by label, then the network.
  cleanups.push(() => docker.getNetwork(`${id}-net`).remove());
  cleanups.push(async () => {
    for (const container of await managedContainers()) {
      await docker.getContainer(container.Id).remove({ force: true });
    }
  });
  await startApp(
    'manager',
    {
      MANAGER_PORT: String(port),
      MANAGER_HOST: '127.0.0.1',
      MANAGER_INSTANCE: id,
      LAMBDA_NETWORK: `${id}-net`,
      FUNCTIONS_FILE: functionsFile,
      ADDRESS_MODE: 'published',
      LOG_LEVEL: 'warn',
    },
    url,
    '/health/live',
  );
  cleanups.push(() => managerCall(url, 'DELETE', `/functions/${FUNCTION}/containers`));
  return url;
}

async function managerCall(managerUrl, method, path, body) {
  const response = await request(`${managerUrl}${path}`, {
    method,
    headers: { 'x-manager-token': MANAGER_TOKEN, 'content-type': 'application/json' },
    body: body && JSON.stringify(body),
  });
  return response.body.json();
}

/** The baseline's containers: the function's pool topped up to its reserved concurrency. */
async function fullPool(managerUrl) {
  for (;;) {
    const pool = await managerCall(managerUrl, 'POST', '/functions/ensure', {
      function: FUNCTION,
      reason: 'scale',
    });
    if (pool.containers.length >= RESERVED_CONCURRENCY || pool.started === 0) {
      return pool.containers.map((container) => container.url);
    }
  }
}

async function startGateway(managerUrl) {
  const routingFile = join(work, 'routing.yml');
  writeFileSync(
    routingFile,
    `routes:\n  - path: /burst\n    method: POST\n    function: ${FUNCTION}\n`,
  );
  const port = await freePort();
  const url = `https://127.0.0.1:${port}`;
  await startApp(
    'gateway',
    {
      GATEWAY_PORT: String(port),
      GATEWAY_HOST: '127.0.0.1',
      TLS_DIR: join(work, 'tls'),
      MANAGER_URL: managerUrl,
      ROUTING_FILE: routingFile,
    },
    url,
    '/health/live',
  );
  return url;
}

async function login(gatewayUrl) {
  const response = await request(`${gatewayUrl}/user/auth/ver1.0`, {
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

/** One timed POST; never throws (a failure is a result). */
async function timedCall(url, headers) {
  const started = performance.now();
  try {
    const response = await request(url, {
      method: 'POST',
      dispatcher: insecure,
      headers,
      body: '{"burst":true}',
    });
    await response.body.dump();
    return { ms: performance.now() - started, status: response.statusCode };
  } catch (error) {
    return { ms: performance.now() - started, status: 0, error: error.code ?? error.message };
  }
}

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

function summarize(calls, totalMs) {
  const sorted = calls.map((call) => call.ms).sort((a, b) => a - b);
  const failures = calls.filter((call) => call.status !== 200);
  return {
    requests: calls.length,
    errors: failures.length,
    errorKinds: [...new Set(failures.map((call) => call.error ?? `HTTP ${call.status}`))],
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    totalMs,
  };
}

/** All requests at once through the Gateway. */
async function gatewayBurst(gatewayUrl, token) {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const started = performance.now();
  const calls = await Promise.all(
    Array.from({ length: REQUESTS }, () => timedCall(`${gatewayUrl}/burst`, headers)),
  );
  return summarize(calls, performance.now() - started);
}

/** All requests at once, each container serving its share one at a time (latency includes the wait). */
async function directBurst(containerUrls) {
  const headers = { 'content-type': 'application/json' };
  const started = performance.now();
  const lanes = containerUrls.map(async (url, lane) => {
    const calls = [];
    for (let index = lane; index < REQUESTS; index += containerUrls.length) {
      const call = await timedCall(`${url}${INVOKE_PATH}`, headers);
      calls.push({ ...call, ms: performance.now() - started });
    }
    return calls;
  });
  const calls = (await Promise.all(lanes)).flat();
  return summarize(calls, performance.now() - started);
}

async function managedContainers() {
  return docker.listContainers({
    all: true,
    filters: { label: [`onpre-lambda.instance=${id}`, `onpre-lambda.function=${FUNCTION}`] },
  });
}

async function main() {
  await docker
    .getImage(RUNTIME_IMAGE)
    .inspect()
    .catch(() => {
      throw new Error(`${RUNTIME_IMAGE} is missing: run \`npm run images:base\` first`);
    });
  buildFunctionImage();
  const managerUrl = await startManager();
  const gatewayUrl = await startGateway(managerUrl);
  const token = await login(gatewayUrl);
  const loadBefore = loadavg().map((value) => Number(value.toFixed(2)));

  const cold = await gatewayBurst(gatewayUrl, token);
  const containersAfterCold = (await managedContainers()).length;
  const warm = await gatewayBurst(gatewayUrl, token);
  const containersStarted = (await managedContainers()).length;
  const urls = await fullPool(managerUrl);
  const direct = await directBurst(urls);

  const result = {
    requests: REQUESTS,
    reservedConcurrency: RESERVED_CONCURRENCY,
    handlerMs: HANDLER_MS,
    loadAverage: loadBefore,
    containersAfterCold,
    containersStarted,
    gatewayCold: cold,
    gatewayWarm: warm,
    direct: { ...direct, containers: urls.length },
  };
  const line = (name, r) =>
    `  ${name.padEnd(22)} p50 ${r.p50Ms.toFixed(0).padStart(5)} ms  p99 ${r.p99Ms.toFixed(0).padStart(5)} ms  ` +
    `total ${r.totalMs.toFixed(0).padStart(5)} ms  errors ${r.errors}${r.errorKinds.length ? ` (${r.errorKinds.join(', ')})` : ''}`;
  console.log(
    `burst: ${REQUESTS} concurrent requests, reserved concurrency ${RESERVED_CONCURRENCY}, handler ${HANDLER_MS} ms; load ${loadBefore.join(' ')}`,
  );
  console.log(line('Gateway, cold function', cold));
  console.log(line('Gateway, warm', warm));
  console.log(line(`direct, ${urls.length} warm containers`, direct));
  console.log(
    `  containers started: ${containersAfterCold} by the cold burst, ${containersStarted} after both (target ≤ ${RESERVED_CONCURRENCY})`,
  );
  console.log(`  cold burst total / direct total: ${(cold.totalMs / direct.totalMs).toFixed(2)}`);
  if (JSON_FILE) writeFileSync(JSON_FILE, JSON.stringify(result, null, 2));
}

try {
  await main();
} finally {
  for (const cleanup of cleanups.reverse())
    await Promise.resolve()
      .then(cleanup)
      .catch(() => undefined);
  await insecure.close();
  rmSync(work, { recursive: true, force: true });
}
