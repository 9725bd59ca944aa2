import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { INVOKE_PATH } from '@app/contracts';
import { FakeContainer } from '../../apps/gateway/test/support/fake-container';
import { FakeManager } from '../../apps/gateway/test/support/fake-manager';
import { writeRoutingFile } from '../../apps/gateway/test/support/gateway-app';
import { GatewayProcess } from './corpus/gateway-process';
import { SECRETS, VALID_LOGIN } from './corpus/hostile-case';
import { send } from './corpus/wire';

/**
 * Issue 12's connection reproductions against the built Gateway process: 3,000 idle connections
 * that never send a byte, SIGTERM while an upload stalls, and a function answer trickled a byte a
 * second. Fake Manager and function servers on 127.0.0.1.
 */
const IDLE_CONNECTIONS = 3000;
const HEADERS_TIMEOUT_MS = 3000;

const gatewayEnv = (managerUrl: string, extra: Record<string, string> = {}) => ({
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  MANAGER_URL: managerUrl,
  ROUTING_FILE: writeRoutingFile([
    { method: 'POST', path: '/slow', function: 'conn-slow' },
    { method: 'GET', path: '/trickle', function: 'conn-trickle' },
  ]),
  HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
  ...SECRETS,
  ...extra,
});

async function idToken(port: number): Promise<string> {
  const answer = await send(port, {
    method: 'POST',
    path: '/user/auth/ver1.0',
    headers: [
      ['content-type', 'application/json'],
      ['x-api-key', SECRETS.X_API_KEY],
    ],
    body: VALID_LOGIN,
  });
  return (JSON.parse(answer.body) as { AuthenticationResult: { IdToken: string } })
    .AuthenticationResult.IdToken;
}

/** Opens a TCP connection that never sends a byte; resolves once connected. */
function idleConnection(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    // Read what the Gateway sends (its 408), so its close is seen here.
    socket.resume();
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

const closed = (socket: Socket) =>
  socket.destroyed
    ? Promise.resolve()
    : new Promise<void>((resolve) => socket.once('close', resolve));

/** A function server whose answer comes one byte a second (of a 100-byte body). */
async function tricklingFunction(): Promise<{
  server: Server;
  url: string;
  bytesSent: () => number;
}> {
  let sent = 0;
  const server = createServer((request, response) => {
    if (request.url !== INVOKE_PATH) return void response.end('ok');
    request.resume();
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
    const timer = setInterval(() => {
      if (response.destroyed) return clearInterval(timer);
      response.write(' ');
      sent += 1;
    }, 1000);
    response.once('close', () => clearInterval(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${port}`, bytesSent: () => sent };
}

describe('hardening: connections against the built Gateway process', () => {
  const manager = new FakeManager(SECRETS.MANAGER_TOKEN);
  const slow = new FakeContainer(async () => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    return { result: { statusCode: 200, body: 'finished' } };
  });
  let trickle: Awaited<ReturnType<typeof tricklingFunction>>;
  const gateway = new GatewayProcess();

  beforeAll(async () => {
    await Promise.all([manager.start(), slow.start()]);
    trickle = await tricklingFunction();
    manager.define('conn-slow', { running: [slow.url] });
    manager.define('conn-trickle', { running: [trickle.url], timeoutSeconds: 2 });
  });

  afterEach(async () => {
    await gateway.stop();
  }, 30_000);

  afterAll(async () => {
    await Promise.all([manager.stop(), slow.stop()]);
    trickle.server.closeAllConnections();
    await new Promise((resolve) => trickle.server.close(resolve));
  }, 30_000);

  it(`closes ${IDLE_CONNECTIONS} connections that never send a byte, serving others meanwhile`, async () => {
    await gateway.start(gatewayEnv(manager.url));
    const sockets: Socket[] = [];
    for (let batch = 0; batch < IDLE_CONNECTIONS / 500; batch += 1) {
      sockets.push(
        ...(await Promise.all(Array.from({ length: 500 }, () => idleConnection(gateway.port)))),
      );
    }
    const opened = Date.now();
    // Held open meanwhile, they keep no one else out.
    expect((await send(gateway.port, { method: 'GET', path: '/health/live' })).status).toBe(200);
    await Promise.all(sockets.map(closed));
    const allClosedAfter = Date.now() - opened;
    expect(sockets.every((socket) => socket.destroyed)).toBe(true);
    // Cut at the headers deadline (plus node's check interval), not held for ever.
    expect(allClosedAfter).toBeLessThan(HEADERS_TIMEOUT_MS * 4);
    expect(gateway.running).toBe(true);
  }, 120_000);

  it('keeps at most MAX_CONNECTIONS open: the rest are closed on accept', async () => {
    await gateway.start(
      gatewayEnv(manager.url, { MAX_CONNECTIONS: '200', HEADERS_TIMEOUT_MS: '60000' }),
    );
    const sockets = await Promise.all(
      Array.from({ length: 1000 }, () => idleConnection(gateway.port)),
    );
    // Connections still in the listen backlog are closed as they are accepted: wait until the count
    // of open ones stops falling.
    let open = sockets.filter((socket) => !socket.destroyed).length;
    for (let settled = 0; settled < 3;) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const now = sockets.filter((socket) => !socket.destroyed).length;
      settled = now === open ? settled + 1 : 0;
      open = now;
    }
    expect(open).toBeLessThanOrEqual(200);
    expect(open).toBeGreaterThan(0);
    sockets.forEach((socket) => socket.destroy());
  }, 60_000);

  it('exits on SIGTERM with an upload stalled mid-body, letting a running request finish first', async () => {
    await gateway.start(
      gatewayEnv(manager.url, { SHUTDOWN_TIMEOUT_MS: '3000', REQUEST_TIMEOUT_MS: '120000' }),
    );
    const token = await idToken(gateway.port);
    // A stalled upload: 10 of the 100 announced bytes, then nothing.
    const stalled = await idleConnection(gateway.port);
    stalled.write(
      `POST /slow HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${token}\r\ncontent-length: 100\r\n\r\n0123456789`,
    );
    const running = send(gateway.port, {
      method: 'POST',
      path: '/slow',
      headers: [['authorization', `Bearer ${token}`]],
      body: '{}',
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const signalled = Date.now();
    const exited = gateway.stop();
    expect(await running).toMatchObject({ status: 200, body: 'finished' });
    await exited;
    const shutdownMs = Date.now() - signalled;
    await closed(stalled);
    expect(gateway.running).toBe(false);
    // Bounded by SHUTDOWN_TIMEOUT_MS (3 s here), not by the upload (seed: SIGKILL after 45 s).
    expect(shutdownMs).toBeLessThan(3000 + 5000);
  }, 60_000);

  it("cuts an answer trickled a byte a second at the function's timeout", async () => {
    await gateway.start(gatewayEnv(manager.url));
    const token = await idToken(gateway.port);
    const started = Date.now();
    const answer = await send(gateway.port, {
      method: 'GET',
      path: '/trickle',
      headers: [['authorization', `Bearer ${token}`]],
    });
    const elapsed = Date.now() - started;
    expect(answer.status).toBe(502);
    expect(JSON.parse(answer.body)).toEqual({ message: 'Internal server error' });
    // The function's 2 s timeout plus the Gateway's 2 s grace; the trickle would take 100 s.
    expect(elapsed).toBeLessThan(2000 + 2000 + 3000);
    expect(trickle.bytesSent()).toBeLessThan(10);
  }, 60_000);
});
