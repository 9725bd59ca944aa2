// Authorizer cost on the warm path: the same function called through the Gateway on a route without
// template auth and on a route behind a TOKEN Lambda authorizer whose answer is cached (TTL 300 s),
// in one run, alternating blocks of sequential requests. Prints the median and p99 latency of each
// in microseconds and the added latency of the cached decision (identity read, cache lookup, IAM
// policy evaluation, authorizer context in the event).
//   node bench/authorizer-cache.mjs [requests per route, default 3000]
// Needs `npm run build` (runs the Gateway from dist). The function and the authorizer are RIE-like
// HTTP processes on 127.0.0.1 (this measures the Gateway, not a container); a stub Manager serves
// their addresses. Plain HTTP, BUILTIN_LOGIN=false, so no login token is checked on either route.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { freePort, until } from './support.mjs';

const REQUESTS = Number(process.argv[2] ?? 3000);
const BLOCK = 100;
const INVOKE_PATH = '/2015-03-31/functions/function/invocations';
const root = new URL('..', import.meta.url).pathname;
let authorizerCalls = 0;

function listen(handler) {
  return new Promise((resolve) => {
    const server = createServer(handler);
    server.keepAliveTimeout = 60_000;
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`));
  });
}

function answering(result, count = () => undefined) {
  return (req, res) => {
    req.resume();
    req.on('end', () => {
      count();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
    });
  };
}

const functionUrl = await listen(
  answering({ statusCode: 200, headers: { 'content-type': 'text/plain' }, body: 'ok' }),
);
const authorizerUrl = await listen(
  answering(
    {
      principalId: 'bench-user',
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' }],
      },
      context: { tenant: 'bench' },
    },
    () => (authorizerCalls += 1),
  ),
);
const managerUrl = await listen((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    if (req.url !== '/functions/ensure') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      return;
    }
    const name = JSON.parse(Buffer.concat(chunks).toString() || '{}').function ?? 'bench';
    const url = name === 'benchauth' ? authorizerUrl : functionUrl;
    const answer = {
      function: name,
      containers: [{ id: name, name: `lambda-${name}-1`, url }],
      started: 0,
      maxContainers: 1,
      timeoutSeconds: 30,
    };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  });
});

const work = mkdtempSync(join(tmpdir(), 'authorizer-bench-'));
const routingFile = join(work, 'routing.yml');
writeFileSync(
  routingFile,
  JSON.stringify({
    routes: [
      { path: '/plain', method: 'GET', function: 'bench' },
      { path: '/authorized', method: 'GET', function: 'bench', auth: { authorizer: 'Api.Token' } },
    ],
    authorizers: {
      'Api.Token': {
        type: 'lambda',
        api: 'rest',
        function: 'benchauth',
        payloadType: 'TOKEN',
        identitySource: ['method.request.header.Authorization'],
        ttlSeconds: 300,
      },
    },
  }),
);
const port = await freePort();
const gateway = spawn(
  process.execPath,
  [join(root, 'dist/apps/gateway/apps/gateway/src/main.js')],
  {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      GATEWAY_PORT: String(port),
      GATEWAY_HOST: '127.0.0.1',
      GATEWAY_TLS: 'false',
      BUILTIN_LOGIN: 'false',
      MANAGER_URL: managerUrl,
      ROUTING_FILE: routingFile,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
const gatewayUrl = `http://127.0.0.1:${port}`;
const agent = new Agent({ connections: 1, pipelining: 1 });
try {
  await until('the Gateway to start', async () => {
    const response = await request(`${gatewayUrl}/health/live`).catch(() => undefined);
    await response?.body.dump();
    return response?.statusCode === 200;
  });
  const call = async (path) => {
    const started = process.hrtime.bigint();
    const response = await request(`${gatewayUrl}${path}`, {
      dispatcher: agent,
      headers: { authorization: 'Bearer bench-token' },
    });
    await response.body.dump();
    if (response.statusCode !== 200) throw new Error(`${path}: ${response.statusCode}`);
    return Number(process.hrtime.bigint() - started) / 1000;
  };
  for (let index = 0; index < 300; index += 1) {
    await call('/plain');
    await call('/authorized');
  }
  const samples = { '/plain': [], '/authorized': [] };
  for (let done = 0; done < REQUESTS; done += BLOCK) {
    for (const path of Object.keys(samples)) {
      for (let index = 0; index < BLOCK; index += 1) samples[path].push(await call(path));
    }
  }
  const stats = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    return { p50: at(0.5), p99: at(0.99) };
  };
  const plain = stats(samples['/plain']);
  const authorized = stats(samples['/authorized']);
  const fmt = (value) => `${value.toFixed(0)} µs`;
  console.log(`requests per route: ${REQUESTS} (sequential, one keep-alive connection)`);
  console.log(`no template auth       p50 ${fmt(plain.p50)}  p99 ${fmt(plain.p99)}`);
  console.log(`cached TOKEN decision  p50 ${fmt(authorized.p50)}  p99 ${fmt(authorized.p99)}`);
  console.log(
    `added by the cached decision: p50 ${fmt(authorized.p50 - plain.p50)} ` +
      `(ratio ${(authorized.p50 / plain.p50).toFixed(3)}), p99 ${fmt(authorized.p99 - plain.p99)}`,
  );
  console.log(
    `authorizer invocations: ${authorizerCalls} (1 expected: the first call; then cached)`,
  );
} finally {
  gateway.kill('SIGTERM');
  await agent.close();
  process.exit(0);
}
