// npm run bench: every benchmark in one run, one after the other (warm path, cold start, burst), each
// against its own baseline measured in the same run, then bench/results/latest.md with the table of
// metric / ours / baseline / ratio / target (targets: docs/performance.md). Raw results:
// bench/results/latest-<benchmark>.json. Run lengths (the scripts' defaults) keep the whole run under
// ~6 minutes on a 2-core machine; BENCH_NOTE adds a free-text line to the report (e.g. what else ran).
//   npm run bench
// Needs Docker, `npm run images:base` and `npm run build`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const results = join(root, 'bench/results');

const BENCHMARKS = [
  {
    name: 'warm-path',
    script: 'bench/warm-path.mjs',
    args: ['10'],
    settings: '10 s per autocannon run',
  },
  {
    name: 'cold-start',
    script: 'bench/cold-start.mjs',
    args: ['15'],
    settings: '15 alternating runs each',
  },
  {
    name: 'cold-e2e',
    script: 'bench/cold-e2e.mjs',
    args: ['10'],
    settings: '10 alternating runs per runtime',
  },
  {
    name: 'cold-start-runtimes',
    script: 'bench/cold-start-runtimes.mjs',
    args: ['7'],
    settings: '7 alternating runs per runtime',
  },
  { name: 'burst', script: 'bench/burst.mjs', args: ['100'], settings: '100 concurrent requests' },
];

const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

function run({ name, script, args }) {
  const json = join(results, `latest-${name}.json`);
  const loadBefore = load();
  const started = performance.now();
  // One retry: on a loaded machine a run can end with a container still busy with a request the
  // previous run abandoned, and the benchmarks refuse runs with more than a few such answers.
  for (let attempt = 1; attempt <= 2; attempt++) {
    console.log(`\n=== ${name} (${script} ${args.join(' ')}), attempt ${attempt} ===`);
    const child = spawnSync(process.execPath, [join(root, script), ...args, '--json', json], {
      cwd: root,
      stdio: 'inherit',
    });
    if (child.status === 0) {
      const seconds = (performance.now() - started) / 1000;
      const result = JSON.parse(readFileSync(json, 'utf8'));
      return { result, loadBefore, loadAfter: load(), seconds, attempts: attempt };
    }
  }
  throw new Error(`${script} failed twice`);
}

const ms = (value) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
const ratio = (ours, baseline) => (baseline > 0 ? `${(ours / baseline).toFixed(2)}×` : '–');
const verdict = (met) => (met ? 'met' : '**NOT met**');

/** Table rows: [metric, ours, baseline, ratio, target, verdict]. */
function warmRows({ results: byConnections }) {
  const one = byConnections[1];
  const many = byConnections[32];
  const addedP50 = one.gateway.p50 - one.direct.p50;
  const addedP99 = one.gateway.p99 - one.direct.p99;
  const share = many.gateway.rps / many.direct.rps;
  return [
    [
      'warm path c=1, p50 latency',
      ms(one.gateway.p50),
      ms(one.direct.p50),
      `+${ms(addedP50)}`,
      'added ≤ 1 ms',
      verdict(addedP50 <= 1),
    ],
    [
      'warm path c=1, p99 latency',
      ms(one.gateway.p99),
      ms(one.direct.p99),
      `+${ms(addedP99)}`,
      'added ≤ 5 ms',
      verdict(addedP99 <= 5),
    ],
    [
      'warm path c=32, throughput',
      `${many.gateway.rps.toFixed(0)} req/s`,
      `${many.direct.rps.toFixed(0)} req/s`,
      `${(share * 100).toFixed(0)} %`,
      '≥ 50 % of direct',
      verdict(share >= 0.5),
    ],
  ];
}

function coldRows({ runtimeMs, plainMs }) {
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const ours = median(runtimeMs);
  const baseline = median(plainMs);
  return [
    [
      'cold start, median create → first 200',
      ms(ours),
      ms(baseline),
      ratio(ours, baseline),
      '≤ 1.3×',
      verdict(ours / baseline <= 1.3),
    ],
  ];
}

function coldRuntimeRows({ results }) {
  return Object.entries(results).flatMap(([runtime, r]) =>
    coldRows(r).map(([label, ...rest]) => [
      label
        .replace('cold start,', `cold start (${runtime}),`)
        .replace('first 200', 'first 200 vs a plain server in the image'),
      ...rest.slice(0, 3),
      'reported',
      '–',
    ]),
  );
}

function coldE2eRows({ results }) {
  return Object.entries(results).flatMap(([runtime, r]) => [
    [
      `cold start end to end (${runtime}), median Gateway request → 200`,
      ms(r.gateway.median),
      ms(r.dockerRun.median),
      ratio(r.gateway.median, r.dockerRun.median),
      '≤ 1.15× docker run → first 200',
      verdict(r.ratio <= 1.15),
    ],
    [
      `cold start end to end (${runtime}), p90`,
      ms(r.gateway.p90),
      ms(r.dockerRun.p90),
      ratio(r.gateway.p90, r.dockerRun.p90),
      'reported',
      '–',
    ],
    [
      `cool start (${runtime}): Gateway call to a paused container, median`,
      ms(r.cool.pausedCall.median),
      `warm call after it ${ms(r.cool.warmCall.median)}`,
      `+${ms(r.cool.addedMedianMs)} (median of ${r.cool.samples} pairs)`,
      'added ≤ 30 ms',
      verdict(r.cool.addedMedianMs <= 30),
    ],
    [
      `  breakdown (${runtime}), medians`,
      `create ${ms(r.breakdown.create.median)}, start ${ms(r.breakdown.engineStart.median)}, ` +
        `ready ${ms(r.breakdown.ready.median)}; whole ensure ${ms(r.breakdown.managerEnsure.median)}; ` +
        `Gateway + first invoke ${ms(r.breakdown.gatewayAndFirstInvoke.median)}`,
      `warm call ${ms(r.breakdown.warmCall.median)}`,
      '–',
      'reported',
      '–',
    ],
  ]);
}

function burstRows({
  gatewayCold: cold,
  gatewayWarm: warm,
  direct,
  containersAfterCold,
  containersStarted,
  reservedConcurrency,
}) {
  const timing = (label, key) => [
    `burst, ${label}`,
    ms(cold[key]),
    ms(direct[key]),
    ratio(cold[key], direct[key]),
    'reported',
    '–',
  ];
  return [
    [
      'burst, errors (cold + warm burst)',
      String(cold.errors + warm.errors),
      String(direct.errors),
      '–',
      '0',
      verdict(cold.errors + warm.errors === 0),
    ],
    [
      'burst, containers started',
      `${containersStarted} (${containersAfterCold} when the cold burst ended)`,
      `${direct.containers} (pre-started)`,
      '–',
      `≤ ${reservedConcurrency}`,
      verdict(containersStarted <= reservedConcurrency),
    ],
    timing('p50 latency (cold function)', 'p50Ms'),
    timing('p99 latency (cold function)', 'p99Ms'),
    timing('total time (cold function)', 'totalMs'),
    [
      'burst, total time (warm, second burst)',
      ms(warm.totalMs),
      ms(direct.totalMs),
      ratio(warm.totalMs, direct.totalMs),
      'reported',
      '–',
    ],
  ];
}

const ROWS = {
  'warm-path': warmRows,
  'cold-start': coldRows,
  'cold-e2e': coldE2eRows,
  'cold-start-runtimes': coldRuntimeRows,
  burst: burstRows,
};

function report(runs, startedAt) {
  const rows = runs.flatMap(({ name, result }) => ROWS[name](result));
  const table = [
    '| metric | ours | baseline (same run) | ratio / added | target | |',
    '|---|---|---|---|---|---|',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
  const { gatewayCold, handlerMs, requests, reservedConcurrency } = runs.find(
    (r) => r.name === 'burst',
  ).result;
  const { upstream } = runs.find((r) => r.name === 'warm-path').result;
  return [
    '# Benchmark results (latest `npm run bench`)',
    '',
    `Run ${startedAt} on ${cpus().length} cores (${cpus()[0]?.model.trim()}). Targets and methods: ` +
      '[docs/performance.md](../../docs/performance.md). Raw results: `latest-*.json` next to this file (git-ignored).',
    ...(process.env.BENCH_NOTE ? ['', `Note: ${process.env.BENCH_NOTE}`] : []),
    '',
    ...table,
    '',
    'Baselines: warm path — the same function containers called directly (no Gateway); cold start — a',
    'plain node HTTP server image on the same base, create + start → first 200; burst — the same',
    `${requests} requests sent directly to ${reservedConcurrency} already-running containers, one at a time each.`,
    `Burst: ${requests} concurrent requests through the Gateway to a function with reserved concurrency`,
    `${reservedConcurrency}, no container running at the start, handler waits ${handlerMs} ms; errors: ${gatewayCold.errorKinds.join(', ') || 'none'}.`,
    `Warm path function: ${upstream}.`,
    '',
    '| benchmark | settings | attempts | took | load average before → after (1/5/15 min) |',
    '|---|---|---|---|---|',
    ...runs.map(
      ({ name, settings, attempts, seconds, loadBefore, loadAfter }) =>
        `| ${name} | ${settings} | ${attempts} | ${seconds.toFixed(0)} s | ${loadBefore} → ${loadAfter} |`,
    ),
    '',
    `A load average above ${cpus().length} means other work shared the machine while measuring; latency`,
    'and start-up figures move with it.',
    '',
  ].join('\n');
}

const startedAt = new Date().toISOString();
mkdirSync(results, { recursive: true });
const runs = BENCHMARKS.map((benchmark) => ({ ...benchmark, ...run(benchmark) }));
const markdown = report(runs, startedAt);
writeFileSync(join(results, 'latest.md'), markdown);
console.log(`\n${markdown}`);
