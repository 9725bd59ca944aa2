import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { FakeContainer } from '../../apps/gateway/test/support/fake-container';
import { FakeManager } from '../../apps/gateway/test/support/fake-manager';
import { writeRoutingFile } from '../../apps/gateway/test/support/gateway-app';
import { sigV4Headers } from '../../apps/gateway/test/support/sigv4-headers';
import { GatewayProcess } from './corpus/gateway-process';
import { SECRETS } from './corpus/hostile-case';
import { send, type WireRequest } from './corpus/wire';

/**
 * Issue 12's availability and disclosure reproductions against the built Gateway process (fake
 * Manager and function servers on 127.0.0.1): unknown function names, error bodies, readiness with
 * a Manager that never answers.
 */
const INVOKE = (name: string) => `/2015-03-31/functions/${name}/invocations`;
/** An Invoke call as a function's SDK sends it: SigV4 with the function credentials. */
async function signedInvoke(name: string, body = '{}'): Promise<WireRequest> {
  const path = INVOKE(name);
  const signed = await sigV4Headers({
    method: 'POST',
    path,
    host: '127.0.0.1',
    body,
    service: 'lambda',
    credentials: {
      accessKeyId: SECRETS.FUNCTION_AWS_ACCESS_KEY_ID,
      secretAccessKey: SECRETS.FUNCTION_AWS_SECRET_ACCESS_KEY,
    },
  });
  return { method: 'POST', path, headers: Object.entries(signed), body };
}
/** What an error body must not carry: the Manager's words, addresses, system errors. */
const INTERNALS = /manager|functions\/ensure|ECONNREFUSED|127\.0\.0\.1|failure detail|:\d{2,5}\b/i;

const gatewayEnv = (managerUrl: string): Record<string, string> => ({
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  MANAGER_URL: managerUrl,
  ROUTING_FILE: writeRoutingFile([{ method: 'GET', path: '/echo', function: 'echo' }]),
  ...SECRETS,
});

/** A TCP server that accepts connections and never answers (a hung Manager). */
async function silentServer(): Promise<{ server: Server; url: string; sockets: Socket[] }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${port}`, sockets };
}

/** The process's peak resident set (VmHWM), in bytes. */
function peakRss(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmHWM for ${pid}`);
  return Number(match[1]) * 1024;
}

const TEN_MB = 10 * 1024 * 1024 - 1024;

/**
 * An unauthenticated POST of a 10 MB body to a routed path, written as fast as the Gateway takes
 * it; resolves with the status line it got (or '' when the connection closed without one).
 */
function unauthenticatedUpload(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let answer = '';
    let sent = 0;
    const pump = () => {
      while (sent < TEN_MB && !socket.destroyed) {
        sent += chunk.length;
        if (!socket.write(chunk)) return void socket.once('drain', pump);
      }
    };
    socket.on('connect', () => {
      socket.write(`POST /echo HTTP/1.1\r\nhost: x\r\ncontent-length: ${TEN_MB}\r\n\r\n`);
      pump();
    });
    socket.on('data', (data: Buffer) => (answer += data.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(answer.split('\r\n')[0]));
  });
}

describe('hardening: the Gateway process with a fake Manager', () => {
  const manager = new FakeManager(SECRETS.MANAGER_TOKEN);
  const echo = new FakeContainer(() => ({ result: { statusCode: 200, body: 'ok' } }));
  const gateway = new GatewayProcess();

  beforeAll(async () => {
    await manager.start();
    await echo.start();
    manager.define('echo', { running: [echo.url] });
    manager.define('broken', { running: [], failWith: 500 });
    await gateway.start(gatewayEnv(manager.url));
  }, 60_000);

  afterAll(async () => {
    await gateway.stop();
    await echo.stop();
    await manager.stop();
  });

  it('answers 3,000 Invoke calls to distinct unknown names itself: no ensure, /metrics stays small', async () => {
    const metricsBefore = (await send(gateway.port, { method: 'GET', path: '/metrics' })).body;
    const statuses: number[] = [];
    for (let batch = 0; batch < 30; batch += 1) {
      const answers = await Promise.all(
        Array.from({ length: 100 }, async (_, index) =>
          send(gateway.port, await signedInvoke(`nope-${batch}-${index}`)),
        ),
      );
      statuses.push(...answers.map((answer) => answer.status));
      if (batch === 0) {
        expect(answers[0].headers['x-amzn-errortype']).toBe('ResourceNotFoundException');
        expect(JSON.parse(answers[0].body)).toMatchObject({
          message: 'Function not found: nope-0-0',
        });
      }
    }
    expect(statuses.filter((status) => status === 404)).toHaveLength(3000);
    expect(manager.ensureCalls.filter((call) => call.function.startsWith('nope-'))).toEqual([]);
    expect(manager.listCalls).toBeLessThan(100);
    const metricsAfter = (await send(gateway.port, { method: 'GET', path: '/metrics' })).body;
    expect(metricsAfter).not.toContain('nope-');
    expect(metricsAfter.length - metricsBefore.length).toBeLessThan(4096);
    // A known function is still invoked.
    const known = await send(gateway.port, await signedInvoke('echo'));
    expect(known.status).toBe(200);
  }, 120_000);

  it('reads no body before auth: 40 concurrent unauthenticated 10 MB POSTs leave the peak RSS alone', async () => {
    const before = peakRss(gateway.pid);
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => unauthenticatedUpload(gateway.port)),
    );
    const growth = peakRss(gateway.pid) - before;
    // Buffered, the bodies alone would be 400 MB.
    expect(growth).toBeLessThan(60 * 1024 * 1024);
    // 401 and the connection closed; a client still writing may see the close as a reset before
    // it reads the answer (''), never anything else.
    expect(
      answers.filter((answer) => answer !== '' && answer !== 'HTTP/1.1 401 Unauthorized'),
    ).toEqual([]);
    expect(answers).toContain('HTTP/1.1 401 Unauthorized');
  }, 120_000);

  it("relays no Manager answer: the Invoke API's and a route's error bodies carry no internals", async () => {
    const invoke = await send(gateway.port, await signedInvoke('broken'));
    expect(invoke.status).toBe(503);
    expect(JSON.parse(invoke.body)).toEqual({
      Type: 'Service',
      message: 'The Lambda service is unavailable; try again.',
    });
    expect(invoke.body).not.toMatch(INTERNALS);
  });
});

describe('hardening: the Gateway process when the Manager cannot be reached or never answers', () => {
  const gateway = new GatewayProcess();
  let hung: Awaited<ReturnType<typeof silentServer>>;

  afterEach(async () => {
    await gateway.stop();
  });

  afterAll(async () => {
    hung?.sockets.forEach((socket) => socket.destroy());
    await new Promise((resolve) => hung?.server.close(resolve));
  });

  it('answers Invoke calls and readiness without ECONNREFUSED or the address when nothing listens', async () => {
    const closed = await silentServer();
    const deadUrl = closed.url;
    await new Promise((resolve) => closed.server.close(resolve));
    await gateway.start(gatewayEnv(deadUrl));
    const invoke = await send(gateway.port, await signedInvoke('echo'));
    expect(invoke.status).toBe(503);
    expect(invoke.body).not.toMatch(INTERNALS);
    const ready = await send(gateway.port, { method: 'GET', path: '/health/ready' });
    expect(ready.status).toBe(503);
    expect(ready.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
  }, 60_000);

  it('answers /health/ready 503 in seconds when the Manager accepts connections and never answers', async () => {
    hung = await silentServer();
    await gateway.start({ ...gatewayEnv(hung.url), MANAGER_TIMEOUT_MS: '60000' });
    const started = Date.now();
    const ready = await send(gateway.port, { method: 'GET', path: '/health/ready' });
    expect(ready.status).toBe(503);
    // The Manager deadline for ensure is 60 s; readiness must not wait for it.
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 60_000);
});
