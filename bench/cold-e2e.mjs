// End-to-end cold start: a request through the built Gateway (HTTPS, JWT) for a function with no
// container — Gateway → Manager → Docker → runtime → first invoke → answer — against `docker run` of
// the same image (create + start through the Docker API, port published on 127.0.0.1) → first 200 of
// a POST to its invoke path, polled every 2 ms. Runs alternate between the two (the order flips each
// run), for a Node.js and a Python function; one discarded warm-up of each. Each Gateway run uses a
// function of its own (configured up front), so every one starts from no container at all.
// The Manager's own log gives the breakdown of each Gateway run: ensure (Manager lookups + start),
// create, start (engine), ready (runtime readiness); the rest of the client's time is the Gateway,
// the Gateway → Manager round trip and the first invoke through the Gateway. A warm call to the same
// function right after is reported for reference.
// Then the cool tier (COOL_AFTER_SECONDS=2 here, Gateway heartbeat 0.5 s): once the Manager has paused
// the container, a call through the Gateway (ensure with touch → unpause → invoke) against a warm call
// right after it; target: ≤ 30 ms added at the median.
//   node bench/cold-e2e.mjs [runs=10] [--json <file>]      (npm run bench runs it)
// Needs `npm run images:base` and `npm run build`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import {
  buildImage,
  INVOKE_PATH,
  median,
  percentile,
  requireImage,
  startStack,
  timedCall,
} from './stack.mjs';
import { benchArguments, freePort } from './support.mjs';

const { count: RUNS, json: JSON_FILE } = benchArguments(10);
const TARGET_RATIO = 1.15;
const COOL_TARGET_ADDED_MS = 30;
const id = `bench-cold-e2e-${process.pid}`;
const docker = new Docker();
const work = mkdtempSync(join(tmpdir(), `${id}-`));

const RUNTIMES = {
  node: {
    base: 'onpre-lambda/runtime-nodejs:20',
    files: {
      Dockerfile: 'COPY app.js /var/task/\nCMD ["app.handler"]\n',
      'app.js': "exports.handler = async () => ({ statusCode: 200, body: 'ok' });\n",
    },
  },
  python: {
    base: 'onpre-lambda/runtime-python:3.11',
    files: {
      Dockerfile: 'COPY app.py /var/task/\nCMD ["app.handler"]\n',
      'app.py': "def handler(event, context):\n    return {'statusCode': 200, 'body': 'ok'}\n",
    },
  },
};

const imageOf = (runtime) => `onpre-lambda/bench-cold-e2e-${runtime}:${process.pid}`;
/** Function `n` of a runtime; n = 0 is the warm-up. */
const functionName = (runtime, n) => `ce${runtime}${process.pid}x${n}`;

/** What the Manager logged, by function: its start phases and its ensure time. */
const managerTimings = new Map();
function onManagerLine(line) {
  const started =
    /started lambda-(\S+)-\d+ at \S+ in (\d+) ms \(create (\d+) ms, start (\d+) ms, ready (\d+) ms\)/.exec(
      line,
    );
  if (started) {
    const [, fn, total, create, start, ready] = started;
    const entry = managerTimings.get(fn) ?? {};
    Object.assign(entry, {
      startMs: +total,
      createMs: +create,
      engineStartMs: +start,
      readyMs: +ready,
    });
    managerTimings.set(fn, entry);
  }
  const ensured = /ensure (\S+) \(cold\) answered in (\d+) ms/.exec(line);
  if (ensured) {
    const entry = managerTimings.get(ensured[1]) ?? {};
    entry.ensureMs = Number(ensured[2]);
    managerTimings.set(ensured[1], entry);
  }
}

/** One POST to the invoke path; the status, or 0 when the connection failed. */
function attempt(port) {
  return new Promise((resolve) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method: 'POST', path: INVOKE_PATH, agent: false },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('error', () => resolve(0));
    req.setTimeout(5000, () => req.destroy());
    req.end('{}');
  });
}

/** `docker run -p 127.0.0.1::8080 <image>` → first 200, in ms. */
async function dockerRun(image) {
  const port = await freePort();
  const started = performance.now();
  const container = await docker.createContainer({
    Image: image,
    Labels: { 'onpre-lambda.bench': id },
    ExposedPorts: { '8080/tcp': {} },
    HostConfig: { PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] } },
  });
  try {
    await container.start();
    while (performance.now() - started < 30_000) {
      if ((await attempt(port)) === 200) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    throw new Error(`${image} did not answer 200 within 30 s`);
  } finally {
    await container.remove({ force: true });
  }
}

async function gatewayCold(stack, fn) {
  const headers = { authorization: `Bearer ${stack.token}`, 'content-type': 'application/json' };
  const call = () =>
    timedCall(`${stack.gatewayUrl}/cold/${fn}`, { dispatcher: stack.insecure, headers });
  const cold = await call();
  if (cold.status !== 200) throw new Error(`cold call to ${fn}: ${cold.error ?? cold.status}`);
  const warm = await call();
  const cool = await coolCall(stack, fn, call);
  await stack.managerCall('DELETE', `/functions/${fn}/containers`);
  // The Manager logs just before answering; give its stdout a moment to arrive.
  await new Promise((resolve) => setTimeout(resolve, 20));
  return { ms: cold.ms, warmMs: warm.ms, ...cool, ...managerTimings.get(fn) };
}

/** Waits until the Manager paused the function's container, then a cool call and a warm one. */
async function coolCall(stack, fn, call) {
  const paused = async () =>
    (await stack.managedContainers()).some(
      (c) => c.Labels['onpre-lambda.function'] === fn && c.State === 'paused',
    );
  const deadline = performance.now() + 20_000;
  while (!(await paused())) {
    if (performance.now() > deadline) return {};
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const cool = await call();
  const warmAfter = await call();
  if (cool.status !== 200) throw new Error(`cool call to ${fn}: ${cool.error ?? cool.status}`);
  return { coolMs: cool.ms, warmAfterCoolMs: warmAfter.ms };
}

const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: median(sorted), p90: percentile(sorted, 90) };
};

async function measure(stack, runtime) {
  const image = imageOf(runtime);
  await dockerRun(image); // warm-up: page cache, both paths
  await gatewayCold(stack, functionName(runtime, 0));
  const baseline = [];
  const gateway = [];
  for (let run = 1; run <= RUNS; run++) {
    if (run % 2) baseline.push(await dockerRun(image));
    gateway.push(await gatewayCold(stack, functionName(runtime, run)));
    if (!(run % 2)) baseline.push(await dockerRun(image));
  }
  const part = (key) => stats(gateway.map((g) => g[key] ?? NaN));
  const rest = gateway.map((g) => g.ms - (g.ensureMs ?? NaN));
  return {
    dockerRunMs: baseline,
    gatewayMs: gateway.map((g) => g.ms),
    dockerRun: stats(baseline),
    gateway: stats(gateway.map((g) => g.ms)),
    ratio: median(gateway.map((g) => g.ms)) / median(baseline),
    breakdown: {
      gatewayAndFirstInvoke: stats(rest),
      managerEnsure: part('ensureMs'),
      create: part('createMs'),
      engineStart: part('engineStartMs'),
      ready: part('readyMs'),
      warmCall: part('warmMs'),
    },
    cool: {
      pausedCall: part('coolMs'),
      warmCall: part('warmAfterCoolMs'),
      samples: gateway.filter((g) => g.coolMs !== undefined).length,
      addedMedianMs: median(
        gateway.map((g) => g.coolMs - g.warmAfterCoolMs).filter(Number.isFinite),
      ),
    },
  };
}

async function main() {
  const functions = {};
  const routes = [];
  for (const [runtime, { base, files }] of Object.entries(RUNTIMES)) {
    await requireImage(base);
    buildImage(join(work, runtime), imageOf(runtime), {
      ...files,
      Dockerfile: `FROM ${base}\n${files.Dockerfile}`,
    });
    for (let n = 0; n <= RUNS; n++) {
      const fn = functionName(runtime, n);
      functions[fn] = { image: imageOf(runtime), timeout: 10 };
      routes.push({ path: `/cold/${fn}`, method: 'POST', function: fn });
    }
  }
  const stack = await startStack({
    id,
    work,
    functions,
    routes,
    onManagerLine,
    managerEnv: { COOL_AFTER_SECONDS: '2', REAPER_INTERVAL_SECONDS: '0.5' },
    gatewayEnv: { HEARTBEAT_INTERVAL_MS: '500' },
  });
  const load = loadavg().map((value) => Number(value.toFixed(2)));
  const results = {};
  try {
    for (const runtime of Object.keys(RUNTIMES)) results[runtime] = await measure(stack, runtime);
  } finally {
    await stack.close();
  }
  const loadAfter = loadavg().map((value) => Number(value.toFixed(2)));
  const f = (s) => `median ${s.median.toFixed(0)} ms, p90 ${s.p90.toFixed(0)} ms`;
  console.log(
    `cold start end to end, ${RUNS} alternating runs each; load ${load.join(' ')} → ${loadAfter.join(' ')}`,
  );
  for (const [runtime, r] of Object.entries(results)) {
    const verdict = r.ratio <= TARGET_RATIO ? 'met' : 'NOT met';
    console.log(
      `  ${runtime}: Gateway ${f(r.gateway)}; docker run ${f(r.dockerRun)}; ratio ${r.ratio.toFixed(2)} (target ≤ ${TARGET_RATIO}: ${verdict})`,
    );
    for (const [part, s] of Object.entries(r.breakdown)) {
      console.log(`    ${part.padEnd(22)} ${f(s)}`);
    }
    const c = r.cool;
    const coolVerdict = c.addedMedianMs <= COOL_TARGET_ADDED_MS ? 'met' : 'NOT met';
    console.log(
      `    cool (paused) call ${f(c.pausedCall)}; warm call after it ${f(c.warmCall)}; ` +
        `added (median of pairs) ${c.addedMedianMs?.toFixed(1)} ms over ${c.samples} samples ` +
        `(target ≤ ${COOL_TARGET_ADDED_MS} ms: ${coolVerdict})`,
    );
  }
  if (JSON_FILE) {
    writeFileSync(
      JSON_FILE,
      JSON.stringify({ runs: RUNS, loadAverage: [load, loadAfter], results }, null, 2),
    );
  }
}

try {
  await main();
} finally {
  for (const runtime of Object.keys(RUNTIMES)) {
    await docker
      .getImage(imageOf(runtime))
      .remove({ force: true })
      .catch(() => undefined);
  }
  rmSync(work, { recursive: true, force: true });
}
