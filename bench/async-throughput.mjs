// Async throughput benchmark: N `Event` invocations through the real Gateway's Invoke API (SigV4, AWS
// SDK) into the real Manager's durable queue (a real data directory, fsync per event) and out again
// through the Gateway's delivery workers into real containers of a tiny function (reserved
// concurrency 5, warm). Side by side, in the same run, the baseline: the same N invocations as
// `RequestResponse` through the same Gateway, 5 at a time (what a caller gets from 5 warm
// containers without any queue). Reports:
//   - accept: all N Event calls sent at once → time until every 202 (the queue on disk), events/s;
//   - drain: from the first Event call until the queue is empty (every event executed and reported);
//   - the baseline's total and the ratio drain / baseline (1.0 = the queue costs nothing).
//   node bench/async-throughput.mjs [events=200] [--json <file>]
// Needs `npm run images:base` and `npm run build`. Names carry the process id; removed at the end.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent as HttpsAgent } from 'node:https';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import Docker from 'dockerode';
import { buildImage, requireImage, startStack } from './stack.mjs';

const jsonFlag = process.argv.indexOf('--json');
const JSON_FILE = jsonFlag > 0 ? process.argv[jsonFlag + 1] : undefined;
const EVENTS = Number(process.argv[2] && process.argv[2] !== '--json' ? process.argv[2] : 200);
const RESERVED_CONCURRENCY = 5;
const HANDLER_MS = 20;
const RUNTIME_IMAGE = 'onpre-lambda/runtime-nodejs:20';
const id = `bench-async-${process.pid}`;
const FUNCTION = `asyncbench${process.pid}`;
const FUNCTION_IMAGE = `onpre-lambda/bench-async-function:${process.pid}`;
const work = mkdtempSync(join(tmpdir(), `${id}-`));
let stack;
/** BENCH_PROFILE_DIR=<dir>: CPU profiles of both apps (node --cpu-prof), to see where time goes. */
const profile = (app) =>
  process.env.BENCH_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${join(process.env.BENCH_PROFILE_DIR, app)}`]
    : [];

function buildFunctionImage() {
  buildImage(join(work, 'image'), FUNCTION_IMAGE, {
    Dockerfile: `FROM ${RUNTIME_IMAGE}\nCOPY app.js /var/task/\nCMD ["app.handler"]\n`,
    'app.js':
      `exports.handler = async (event) => {\n  await new Promise((resolve) => setTimeout(resolve, ${HANDLER_MS}));\n` +
      '  return { ok: true, n: event.n };\n};\n',
  });
}

function lambdaClient() {
  return new LambdaClient({
    endpoint: stack.gatewayUrl,
    region: 'us-east-1',
    maxAttempts: 1,
    credentials: { accessKeyId: 'onpre-local', secretAccessKey: 'onpre-local-secret' },
    requestHandler: new NodeHttpHandler({
      httpsAgent: new HttpsAgent({ rejectUnauthorized: false, keepAlive: true, maxSockets: 256 }),
    }),
  });
}

const invoke = (client, type, n) =>
  client.send(
    new InvokeCommand({
      FunctionName: FUNCTION,
      InvocationType: type,
      Payload: Buffer.from(JSON.stringify({ n })),
    }),
  );

async function queued() {
  const { queues } = await stack.managerCall('GET', '/async/queues');
  return queues.find((queue) => queue.function === FUNCTION)?.size ?? 0;
}

/** The function's pool topped up to its reserved concurrency (both runs start warm). */
async function fullPool() {
  for (;;) {
    const pool = await stack.managerCall('POST', '/functions/ensure', {
      function: FUNCTION,
      reason: 'scale',
    });
    if (pool.containers.length >= RESERVED_CONCURRENCY || pool.started === 0) return;
  }
}

/** The baseline: N RequestResponse calls, RESERVED_CONCURRENCY at a time. */
async function synchronous(client) {
  const started = performance.now();
  let next = 0;
  let errors = 0;
  const lane = async () => {
    while (next < EVENTS) {
      const n = next++;
      const answer = await invoke(client, 'RequestResponse', n).catch(() => undefined);
      if (answer?.StatusCode !== 200 || answer.FunctionError) errors++;
    }
  };
  await Promise.all(Array.from({ length: RESERVED_CONCURRENCY }, lane));
  return { totalMs: performance.now() - started, errors };
}

async function asynchronous(client) {
  const started = performance.now();
  const answers = await Promise.all(
    Array.from({ length: EVENTS }, (_, n) => invoke(client, 'Event', n).catch((error) => error)),
  );
  const acceptMs = performance.now() - started;
  const rejected = answers.filter((answer) => answer?.StatusCode !== 202).length;
  for (;;) {
    if ((await queued()) === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { acceptMs, drainMs: performance.now() - started, rejected };
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
    routes: [],
    managerEnv: { COOL_AFTER_SECONDS: '0' },
    nodeArgs: { manager: profile('manager'), gateway: profile('gateway') },
  });
  const client = lambdaClient();
  const loadBefore = loadavg().map((value) => Number(value.toFixed(2)));
  await fullPool();
  await invoke(client, 'RequestResponse', -1);
  const sync = await synchronous(client);
  const async = await asynchronous(client);
  const result = {
    events: EVENTS,
    reservedConcurrency: RESERVED_CONCURRENCY,
    handlerMs: HANDLER_MS,
    loadAverage: loadBefore,
    sync,
    async: { ...async, acceptPerSecond: EVENTS / (async.acceptMs / 1000) },
    drainOverSync: async.drainMs / sync.totalMs,
  };
  console.log(
    `async throughput: ${EVENTS} events, reserved concurrency ${RESERVED_CONCURRENCY}, handler ${HANDLER_MS} ms; load ${loadBefore.join(' ')}`,
  );
  console.log(
    `  Event accept (all at once):   ${async.acceptMs.toFixed(0).padStart(6)} ms  ` +
      `(${result.async.acceptPerSecond.toFixed(0)} events/s, ${async.rejected} not 202)`,
  );
  console.log(`  Event drain (all executed):  ${async.drainMs.toFixed(0).padStart(6)} ms`);
  console.log(
    `  RequestResponse, ${RESERVED_CONCURRENCY} at a time: ${sync.totalMs.toFixed(0).padStart(6)} ms  (${sync.errors} errors)`,
  );
  console.log(`  drain / synchronous: ${result.drainOverSync.toFixed(2)}`);
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
