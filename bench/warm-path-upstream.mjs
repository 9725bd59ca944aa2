// Helper process for bench/warm-path.mjs: a minimal Manager that lists the function's warm containers,
// and (unless their URLs are given in UPSTREAM_URLS, comma-separated) an RIE-like echo function on N
// ports standing in for them. Prints {"urls": [...], "managerUrl": "..."} on stdout once listening.
//   node bench/warm-path-upstream.mjs <ports>
import { createServer } from 'node:http';

const PORTS = Number(process.argv[2] ?? 1);
const INVOKE_PATH = '/2015-03-31/functions/function/invocations';
const RESULT = JSON.stringify({
  statusCode: 200,
  headers: { 'content-type': 'text/plain' },
  body: 'ok',
});

function listen(handler) {
  return new Promise((resolve) => {
    const server = createServer(handler);
    server.keepAliveTimeout = 60_000;
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`));
  });
}

function invoke(request, response) {
  request.resume();
  request.on('end', () => {
    if (request.method !== 'POST' || request.url !== INVOKE_PATH) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(RESULT);
  });
}

const urls = process.env.UPSTREAM_URLS
  ? process.env.UPSTREAM_URLS.split(',')
  : await Promise.all(Array.from({ length: PORTS }, () => listen(invoke)));
const managerUrl = await listen((request, response) => {
  request.resume();
  request.on('end', () => {
    const answers = {
      '/functions/ensure': {
        function: 'bench',
        containers: urls.map((url, index) => ({
          id: `${index}`,
          name: `lambda-bench-${index + 1}`,
          url,
        })),
        started: 0,
        maxContainers: urls.length,
        timeoutSeconds: 30,
      },
      '/heartbeat': { accepted: 0 },
      '/health/ready': { status: 'ok' },
    };
    const answer = answers[request.url];
    response.writeHead(answer ? 200 : 404, { 'content-type': 'application/json' });
    response.end(JSON.stringify(answer ?? {}));
  });
});
process.stdout.write(`${JSON.stringify({ urls, managerUrl })}\n`);
