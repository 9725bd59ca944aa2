// Warm path before and after the Gateway's request pipeline (issue 13: guards →
// ApiGatewayEventInterceptor → handler → cached proxy): the Gateway built from other revisions
// (default 5479d25, the last tree before the restructure) and from this tree run side by side, in
// one run, in front of the same stub Manager and the same function container, each with its
// default settings (HTTPS, JWT login, request logging). One client sends one request at a time
// (c=1), round-robin over direct-to-the-container and every Gateway, the order rotating each
// round, on one keep-alive connection per target; every request is timed with performance.now()
// and reported in microseconds. P1, the warm path's added latency, is a Gateway's p50 (and p99)
// minus direct's; "not worse" means this tree's added p50 is at most 10 % (or 50 µs, whichever is
// more: the noise of a shared machine) over the base revision's. Each Gateway's CPU time per request
// (from /proc, over all rounds) is reported too: unlike latency it hardly moves with the machine's load.
//   node bench/warm-pipeline.mjs [requests per target, default 3000] [--rev <git rev>]... [--json <file>]
// Results go to bench/results/warm-pipeline-<time>.json, or to <file> with --json. Each revision is
// taken with `git archive` into a temporary directory (this checkout's node_modules linked in) and
// built with `nest build gateway` there; nothing of the checkout changes.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { benchArguments, INSECURE, login } from './support.mjs';
import * as warm from './warm-stack.mjs';

const { count: REQUESTS, json: JSON_FILE, flags } = benchArguments(3000);
const REVISIONS = flags.rev ?? ['5479d25'];
const WARM_UP = 300;
const root = new URL('..', import.meta.url).pathname;
const cleanups = [];

function git(...gitArgs) {
  const result = spawnSync('git', ['-C', root, ...gitArgs], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${gitArgs.join(' ')}: ${result.stderr.trim()}`);
  return result.stdout.trim();
}

/** The Gateway of `revision`, built in a temporary copy of that tree; its main.js. */
function buildRevision(revision) {
  const dir = mkdtempSync(join(tmpdir(), `warm-pipeline-${revision}-`));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const archive = spawnSync(
    'sh',
    ['-c', `git -C "${root}" archive "${revision}" | tar -x -C "${dir}"`],
    {
      stdio: 'inherit',
    },
  );
  if (archive.status !== 0) throw new Error(`git archive ${revision} failed`);
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  console.error(`building the Gateway of ${revision} …`);
  return warm.buildGateway(dir);
}

/** One POST on `dispatcher`; its time in µs (throws on anything but 200). */
async function timed(url, dispatcher, headers) {
  const started = performance.now();
  const response = await request(url, {
    method: 'POST',
    dispatcher,
    headers,
    body: '{"bench":true}',
  });
  await response.body.dump();
  const micros = (performance.now() - started) * 1000;
  if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode}`);
  return micros;
}

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

function summary(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    mean: sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
  };
}

async function measure(targets) {
  const samples = targets.map(() => []);
  for (let round = 0; round < WARM_UP + REQUESTS; round++) {
    for (let step = 0; step < targets.length; step++) {
      const index = (round + step) % targets.length;
      const { url, dispatcher, headers } = targets[index];
      const micros = await timed(url, dispatcher, headers);
      if (round >= WARM_UP) samples[index].push(micros);
    }
  }
  return samples.map(summary);
}

async function main() {
  const containerMode = await warm.runtimeImagePresent();
  const containerUrls = containerMode ? await warm.startFunctionContainers(1, cleanups) : undefined;
  const { urls, managerUrl } = await warm.startStubManager(containerUrls, 1, cleanups);
  const head = git('rev-parse', '--short', 'HEAD');
  const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
  const gateways = [
    ...REVISIONS.map((revision) => ({
      name: git('rev-parse', '--short', revision),
      main: buildRevision(revision),
    })),
    { name: `${head}${dirty ? '+changes' : ''} (this tree)`, main: warm.buildGateway(root) },
  ];
  const direct = { connect: {}, connections: 1 };
  const targets = [
    {
      name: 'direct',
      url: `${urls[0]}${warm.INVOKE_PATH}`,
      dispatcher: new Agent(direct),
      headers: { 'content-type': 'application/json' },
    },
  ];
  for (const gateway of gateways) {
    const { url, pid } = await warm.startGatewayProcess(gateway.main, managerUrl, cleanups);
    const token = await login(url);
    targets.push({
      name: gateway.name,
      url: `${url}/bench`,
      dispatcher: new Agent({ connect: { rejectUnauthorized: false }, connections: 1 }),
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      pid,
    });
  }
  cleanups.push(() => Promise.all(targets.map((target) => target.dispatcher.close())));
  const loadBefore = loadavg()[0];
  const cpuBefore = targets.map((target) => target.pid && warm.cpuMicros(target.pid));
  const results = await measure(targets);
  targets.forEach((target, index) => {
    if (target.pid) {
      const rounds = WARM_UP + REQUESTS;
      results[index].cpuPerRequest = (warm.cpuMicros(target.pid) - cpuBefore[index]) / rounds;
    }
  });
  const loadAfter = loadavg()[0];
  const us = (value) => `${Math.round(value)}`.padStart(6);
  const upstream = containerMode
    ? `a container of ${warm.RUNTIME_IMAGE}`
    : 'an RIE-like echo process';
  console.log(
    `warm path c=1, ${REQUESTS} requests per target interleaved (after ${WARM_UP} warm-up), ` +
      `function: ${upstream}; load ${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)}; latency in µs`,
  );
  console.log(
    `  ${'target'.padEnd(34)}   p50    p90    p99   mean   added p50 / p99   Gateway CPU per request`,
  );
  const [directResult] = results;
  const rows = targets.map((target, index) => {
    const r = results[index];
    const added =
      index === 0 ? undefined : { p50: r.p50 - directResult.p50, p99: r.p99 - directResult.p99 };
    console.log(
      `  ${target.name.padEnd(34)} ${us(r.p50)} ${us(r.p90)} ${us(r.p99)} ${us(r.mean)}` +
        (added ? `   ${us(added.p50)} / ${us(added.p99).trim()}` : '') +
        (r.cpuPerRequest ? `   ${Math.round(r.cpuPerRequest)}` : ''),
    );
    return { target: target.name, ...r, added };
  });
  const before = rows[1].added;
  const after = rows.at(-1).added;
  const allowed = Math.max(before.p50 * 1.1, before.p50 + 50);
  console.log(
    `P1 (added p50 at c=1): ${rows[1].target} ${Math.round(before.p50)} µs → this tree ` +
      `${Math.round(after.p50)} µs (${after.p50 <= allowed ? 'not worse' : 'WORSE'}: ` +
      `limit ${Math.round(allowed)} µs); added p99 ${Math.round(before.p99)} → ${Math.round(after.p99)} µs`,
  );
  const cpu = (row) => Math.round(row.cpuPerRequest);
  console.log(
    `Gateway CPU per request (user + system, 10 ms ticks over all rounds): ${rows[1].target} ` +
      `${cpu(rows[1])} µs → this tree ${cpu(rows.at(-1))} µs (${(rows.at(-1).cpuPerRequest / rows[1].cpuPerRequest).toFixed(2)}×)`,
  );
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  writeFileSync(
    JSON_FILE ?? join(root, `bench/results/warm-pipeline-${stamp}.json`),
    JSON.stringify(
      { requests: REQUESTS, warmUp: WARM_UP, upstream, load: [loadBefore, loadAfter], rows },
      null,
      2,
    ),
  );
}

try {
  await main();
} finally {
  for (const cleanup of cleanups.reverse())
    await Promise.resolve()
      .then(cleanup)
      .catch(() => undefined);
  await INSECURE.close();
}
