// Cold-start benchmark: create + start of a container from our node runtime image until its first
// successful invoke, against create + start of a plain node HTTP server image built on the same base
// until its first HTTP 200. Runs alternate between the two; prints both medians and the ratio.
//   node bench/cold-start.mjs [runs=15] [--json <file>]      (npm run bench:cold-start)
// Results also go to bench/results/cold-start-<time>.json, or to <file> with --json (scripts/bench.mjs
// reads it). Both paths are CPU-bound start-ups, ours
// with two node processes (supervisor + runtime client), so the ratio grows with the machine's load:
// the load average is printed with the result.
// Needs `npm run images:base` (onpre-lambda/base-node:20 and onpre-lambda/runtime-nodejs:20).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Docker from 'dockerode';
import { benchArguments, freePort } from './support.mjs';

const { count: RUNS, json: JSON_FILE } = benchArguments(15);
const TARGET_RATIO = 1.3;
const RUNTIME_IMAGE = 'onpre-lambda/runtime-nodejs:20';
const BASE_IMAGE = 'onpre-lambda/base-node:20';
const runId = `${process.pid}`;
const FUNCTION_IMAGE = `onpre-lambda/bench-cold-function:${runId}`;
const PLAIN_IMAGE = `onpre-lambda/bench-cold-plain:${runId}`;
const INVOKE_PATH = '/2015-03-31/functions/function/invocations';
const docker = new Docker();

function buildImage(tag, files) {
  const dir = mkdtempSync(join(tmpdir(), 'cold-start-'));
  try {
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    execFileSync('docker', ['build', '-q', '-t', tag, dir], {
      env: { ...process.env, DOCKER_BUILDKIT: '0' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One HTTP attempt; resolves with the status, or 0 when the connection failed. */
function attempt(port, method, path) {
  return new Promise((resolve) => {
    const outgoing = request({ host: '127.0.0.1', port, method, path, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    outgoing.on('error', () => resolve(0));
    outgoing.setTimeout(2000, () => outgoing.destroy());
    outgoing.end(method === 'POST' ? '{"cold":true}' : undefined);
  });
}

/** Milliseconds from create to the first 200 answer. */
async function coldStart(image, method, path) {
  const port = await freePort();
  const started = performance.now();
  const container = await docker.createContainer({
    Image: image,
    Labels: { 'onpre-lambda.bench': 'cold-start' },
    ExposedPorts: { '8080/tcp': {} },
    HostConfig: { PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] } },
  });
  try {
    await container.start();
    const deadline = started + 20_000;
    while (performance.now() < deadline) {
      if ((await attempt(port, method, path)) === 200) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    throw new Error(`${image} did not answer 200 within 20 s`);
  } finally {
    await container.remove({ force: true });
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function main() {
  for (const image of [RUNTIME_IMAGE, BASE_IMAGE]) {
    await docker
      .getImage(image)
      .inspect()
      .catch(() => {
        throw new Error(`${image} is missing: run \`npm run images:base\` first`);
      });
  }
  buildImage(FUNCTION_IMAGE, {
    Dockerfile: `FROM ${RUNTIME_IMAGE}\nCOPY app.js /var/task/\nCMD ["app.handler"]\n`,
    'app.js':
      'exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event) });\n',
  });
  buildImage(PLAIN_IMAGE, {
    Dockerfile: `FROM ${BASE_IMAGE}\nCOPY server.js /srv/\nCMD ["node", "/srv/server.js"]\n`,
    'server.js':
      "require('http').createServer((req, res) => res.end('{\"ok\":true}')).listen(8080);\n",
  });
  const ours = [];
  const plain = [];
  try {
    // One discarded round warms the page cache for both images.
    await coldStart(PLAIN_IMAGE, 'GET', '/');
    await coldStart(FUNCTION_IMAGE, 'POST', INVOKE_PATH);
    for (let run = 0; run < RUNS; run++) {
      plain.push(await coldStart(PLAIN_IMAGE, 'GET', '/'));
      ours.push(await coldStart(FUNCTION_IMAGE, 'POST', INVOKE_PATH));
    }
  } finally {
    for (const image of [FUNCTION_IMAGE, PLAIN_IMAGE]) {
      await docker
        .getImage(image)
        .remove({ force: true })
        .catch(() => undefined);
    }
  }
  const ratio = median(ours) / median(plain);
  const load = loadavg().map((value) => Number(value.toFixed(2)));
  const format = (values) => values.map((value) => value.toFixed(0)).join(' ');
  console.log(
    `cold start, ${RUNS} runs each (create + start → first 200), ms; load ${load.join(' ')}:`,
  );
  console.log(`  plain node HTTP server: median ${median(plain).toFixed(1)}  [${format(plain)}]`);
  console.log(`  onpre-lambda runtime:   median ${median(ours).toFixed(1)}  [${format(ours)}]`);
  console.log(
    `  ratio ${ratio.toFixed(2)} (target ≤ ${TARGET_RATIO}: ${ratio <= TARGET_RATIO ? 'met' : 'NOT met'})`,
  );
  const results = join(dirname(fileURLToPath(import.meta.url)), 'results');
  mkdirSync(results, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  writeFileSync(
    JSON_FILE ?? join(results, `cold-start-${stamp}.json`),
    JSON.stringify(
      { runs: RUNS, loadAverage: load, plainMs: plain, runtimeMs: ours, ratio },
      null,
      2,
    ),
  );
}

await main();
