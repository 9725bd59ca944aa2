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
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import {
  buildImage,
  INVOKE_PATH,
  percentile,
  requireImage,
  startStack,
  timedCall,
} from './stack.mjs';
import { benchArguments } from './support.mjs';

const { count: REQUESTS, json: JSON_FILE } = benchArguments(100);
const RESERVED_CONCURRENCY = 5;
/** What the function does per call: a short wait standing in for I/O, then an answer. */
const HANDLER_MS = 20;
const RUNTIME_IMAGE = 'onpre-lambda/runtime-nodejs:20';
const id = `bench-burst-${process.pid}`;
const FUNCTION = `burst${process.pid}`;
const FUNCTION_IMAGE = `onpre-lambda/bench-burst-function:${process.pid}`;
const work = mkdtempSync(join(tmpdir(), `${id}-`));
let stack;

function buildFunctionImage() {
  buildImage(join(work, 'image'), FUNCTION_IMAGE, {
    Dockerfile: `FROM ${RUNTIME_IMAGE}\nCOPY app.js /var/task/\nCMD ["app.handler"]\n`,
    'app.js':
      `exports.handler = async () => {\n  await new Promise((resolve) => setTimeout(resolve, ${HANDLER_MS}));\n` +
      "  return { statusCode: 200, headers: { 'content-type': 'text/plain' }, body: 'ok' };\n};\n",
  });
}

/** The baseline's containers: the function's pool topped up to its reserved concurrency. */
async function fullPool() {
  for (;;) {
    const pool = await stack.managerCall('POST', '/functions/ensure', {
      function: FUNCTION,
      reason: 'scale',
    });
    if (pool.containers.length >= RESERVED_CONCURRENCY || pool.started === 0) {
      return pool.containers.map((container) => container.url);
    }
  }
}

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
async function gatewayBurst() {
  const headers = { authorization: `Bearer ${stack.token}`, 'content-type': 'application/json' };
  const started = performance.now();
  const call = () =>
    timedCall(`${stack.gatewayUrl}/burst`, {
      dispatcher: stack.insecure,
      headers,
      body: '{"burst":true}',
    });
  const calls = await Promise.all(Array.from({ length: REQUESTS }, call));
  return summarize(calls, performance.now() - started);
}

/** All requests at once, each container serving its share one at a time (latency includes the wait). */
async function directBurst(containerUrls) {
  const headers = { 'content-type': 'application/json' };
  const started = performance.now();
  const lanes = containerUrls.map(async (url, lane) => {
    const calls = [];
    for (let index = lane; index < REQUESTS; index += containerUrls.length) {
      const call = await timedCall(`${url}${INVOKE_PATH}`, { headers, body: '{"burst":true}' });
      calls.push({ ...call, ms: performance.now() - started });
    }
    return calls;
  });
  const calls = (await Promise.all(lanes)).flat();
  return summarize(calls, performance.now() - started);
}

async function managedContainers() {
  return (await stack.managedContainers()).filter(
    (container) => container.Labels['onpre-lambda.function'] === FUNCTION,
  );
}

async function main() {
  await requireImage(RUNTIME_IMAGE);
  buildFunctionImage();
  stack = await startStack({
    id,
    work,
    functions: {
      [FUNCTION]: { image: FUNCTION_IMAGE, timeout: 10, reservedConcurrency: RESERVED_CONCURRENCY },
    },
    routes: [{ path: '/burst', method: 'POST', function: FUNCTION }],
  });
  const loadBefore = loadavg().map((value) => Number(value.toFixed(2)));

  const cold = await gatewayBurst();
  const containersAfterCold = (await managedContainers()).length;
  const warm = await gatewayBurst();
  const containersStarted = (await managedContainers()).length;
  const urls = await fullPool();
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
  await stack?.close();
  await new Docker()
    .getImage(FUNCTION_IMAGE)
    .remove({ force: true })
    .catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
}
