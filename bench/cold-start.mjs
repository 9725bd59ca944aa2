// Cold-start benchmark: create + start of a container from our node runtime image until its first
// successful invoke, against create + start of a plain node HTTP server image built on the same base
// until its first HTTP 200. Runs alternate between the two; prints both medians and the ratio.
//   node bench/cold-start.mjs [runs=15] [--json <file>]      (npm run bench:cold-start)
// Results also go to bench/results/cold-start-<time>.json, or to <file> with --json (scripts/bench.mjs
// reads it). Both paths are CPU-bound start-ups, ours
// with two node processes (supervisor + runtime client), so the ratio grows with the machine's load:
// the load average is printed with the result.
// Needs `npm run images:base` (onpre-lambda/base-node:20 and onpre-lambda/runtime-nodejs:20).
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildImage,
  coldStart,
  INVOKE_PATH,
  median,
  removeImages,
  requireImages,
} from './cold-measure.mjs';
import { benchArguments } from './support.mjs';

const { count: RUNS, json: JSON_FILE } = benchArguments(15);
const TARGET_RATIO = 1.3;
const RUNTIME_IMAGE = 'onpre-lambda/runtime-nodejs:20';
const BASE_IMAGE = 'onpre-lambda/base-node:20';
const runId = `${process.pid}`;
const FUNCTION_IMAGE = `onpre-lambda/bench-cold-function:${runId}`;
const PLAIN_IMAGE = `onpre-lambda/bench-cold-plain:${runId}`;

async function main() {
  await requireImages([RUNTIME_IMAGE, BASE_IMAGE]);
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
    await removeImages([FUNCTION_IMAGE, PLAIN_IMAGE]);
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
