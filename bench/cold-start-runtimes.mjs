// Cold start per runtime (issue 14): for each runtime image — python, provided (a bash bootstrap),
// ruby, java — create + start of a container running a small function until its first successful
// invoke, against create + start of a plain node HTTP server in the SAME image (its node binary,
// entrypoint overridden) until its first HTTP 200. Runs alternate; prints medians and the ratio per
// runtime (node's own figure is bench/cold-start.mjs).
//   node bench/cold-start-runtimes.mjs [runs=7] [--runtime python]… [--json <file>]
// Needs `npm run images:base`.
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

const { count: RUNS, json: JSON_FILE, flags } = benchArguments(7);
const runId = `${process.pid}`;
const SERVER =
  "require('http').createServer((req, res) => res.end('{\"ok\":true}')).listen(8080);\n";

/** Each runtime: its image and a minimal function in it (build context files). */
const RUNTIMES = {
  python: {
    image: 'onpre-lambda/runtime-python:3.11',
    files: {
      Dockerfile:
        'FROM onpre-lambda/runtime-python:3.11\nCOPY app.py /var/task/\nCMD ["app.handler"]\n',
      'app.py': 'def handler(event, context):\n    return {"statusCode": 200, "body": "ok"}\n',
    },
  },
  provided: {
    image: 'onpre-lambda/runtime-provided:al2023',
    files: {
      Dockerfile:
        'FROM onpre-lambda/runtime-provided:al2023\nCOPY bootstrap /var/task/\nCMD ["bootstrap"]\n',
      // The AWS custom-runtime tutorial's shape: a bash loop over the Runtime API with curl.
      bootstrap: [
        '#!/bin/bash\nset -euo pipefail\napi="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation"\n' +
          'while true; do\n  headers=$(mktemp)\n  curl -sS -D "$headers" -o /dev/null "$api/next"\n' +
          '  id=$(grep -Fi Lambda-Runtime-Aws-Request-Id "$headers" | tr -d \'[:space:]\' | cut -d: -f2)\n' +
          '  curl -sS -o /dev/null -d \'{"statusCode":200,"body":"ok"}\' "$api/$id/response"\ndone\n',
        0o755,
      ],
    },
  },
  ruby: {
    image: 'onpre-lambda/runtime-ruby:3',
    files: {
      Dockerfile: 'FROM onpre-lambda/runtime-ruby:3\nCOPY app.rb /var/task/\nCMD ["app.handler"]\n',
      'app.rb': "def handler(event:, context:)\n  { statusCode: 200, body: 'ok' }\nend\n",
    },
  },
  java: {
    image: 'onpre-lambda/runtime-java:17',
    files: {
      // A stream handler compiled against the JDK only, in a build stage of the same image.
      Dockerfile:
        'FROM onpre-lambda/runtime-java:17 AS build\nCOPY Hello.java /src/\nRUN javac -d /out /src/Hello.java\n' +
        'FROM onpre-lambda/runtime-java:17\nCOPY --from=build /out/ /var/task/\nCMD ["bench.Hello::handle"]\n',
      'Hello.java':
        'package bench;\npublic class Hello {\n  public static void handle(java.io.InputStream in, java.io.OutputStream out) throws java.io.IOException {\n' +
        '    out.write("{\\"statusCode\\":200,\\"body\\":\\"ok\\"}".getBytes());\n  }\n}\n',
    },
  },
};

async function measure(name, { image, files }) {
  const functionImage = `onpre-lambda/bench-cold-${name}:${runId}`;
  const plainImage = `onpre-lambda/bench-cold-${name}-plain:${runId}`;
  buildImage(functionImage, files);
  buildImage(plainImage, {
    Dockerfile: `FROM ${image}\nCOPY server.js /srv/\nENTRYPOINT ["/usr/local/bin/node", "/srv/server.js"]\nCMD []\n`,
    'server.js': SERVER,
  });
  const ours = [];
  const plain = [];
  try {
    // One discarded round warms the page cache for both images.
    await coldStart(plainImage, 'GET', '/');
    await coldStart(functionImage, 'POST', INVOKE_PATH, {}, 60_000);
    for (let run = 0; run < RUNS; run++) {
      plain.push(await coldStart(plainImage, 'GET', '/'));
      ours.push(await coldStart(functionImage, 'POST', INVOKE_PATH, {}, 60_000));
    }
  } finally {
    await removeImages([functionImage, plainImage]);
  }
  return { image, plainMs: plain, runtimeMs: ours, ratio: median(ours) / median(plain) };
}

async function main() {
  const names = flags.runtime ?? Object.keys(RUNTIMES);
  const unknown = names.filter((name) => !RUNTIMES[name]);
  if (unknown.length > 0) throw new Error(`unknown runtime(s): ${unknown.join(', ')}`);
  await requireImages(names.map((name) => RUNTIMES[name].image));
  const results = {};
  for (const name of names) results[name] = await measure(name, RUNTIMES[name]);
  const load = loadavg().map((value) => Number(value.toFixed(2)));
  const format = (values) => values.map((value) => value.toFixed(0)).join(' ');
  console.log(
    `cold start per runtime, ${RUNS} runs each (create + start → first 200), ms; load ${load.join(' ')}:`,
  );
  for (const [name, { plainMs, runtimeMs, ratio }] of Object.entries(results)) {
    console.log(
      `  ${name.padEnd(9)} plain node server in the image: median ${median(plainMs).toFixed(0)} [${format(plainMs)}]` +
        `; function: median ${median(runtimeMs).toFixed(0)} [${format(runtimeMs)}]; ratio ${ratio.toFixed(2)}`,
    );
  }
  const dir = join(dirname(fileURLToPath(import.meta.url)), 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  writeFileSync(
    JSON_FILE ?? join(dir, `cold-start-runtimes-${stamp}.json`),
    JSON.stringify({ runs: RUNS, loadAverage: load, results }, null, 2),
  );
}

await main();
