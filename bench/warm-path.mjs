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
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { benchArguments, INSECURE, login } from './support.mjs';
import {
  buildGateway,
  INVOKE_PATH,
  RUNTIME_IMAGE,
  runtimeImagePresent,
  startFunctionContainers,
  startGatewayProcess,
  startStubManager,
} from './warm-stack.mjs';

const { count: SECONDS, json: JSON_FILE } = benchArguments(10);
const CONTAINERS = 32;
const root = new URL('..', import.meta.url).pathname;
const cleanups = [];

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
  const containerUrls = containerMode
    ? await startFunctionContainers(CONTAINERS, cleanups)
    : undefined;
  const { urls, managerUrl } = await startStubManager(containerUrls, CONTAINERS, cleanups);
  const { url: gatewayUrl } = await startGatewayProcess(buildGateway(root), managerUrl, cleanups);
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
  await INSECURE.close();
}
