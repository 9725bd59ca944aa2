import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import type { RoutingFile } from '@app/contracts';
import { FakeContainer, type FakeAnswer } from '../../apps/gateway/test/support/fake-container';
import { FakeManager } from '../../apps/gateway/test/support/fake-manager';
import { writeSecuredRoutingFile } from '../../apps/gateway/test/support/secured-routing';
import { GatewayProcess } from './corpus/gateway-process';
import { SECRETS } from './corpus/hostile-case';
import { send } from './corpus/wire';

/**
 * Issue 12's "auth before the body is read" on routes the template protects (Lambda TOKEN and
 * REQUEST authorizers, API keys with a usage plan), against the built Gateway process: a refused
 * call is answered while its body is still unsent, an accepted one is authorized (and metered)
 * once, and 40 concurrent refused 10 MB uploads leave the Gateway's peak RSS alone.
 */
const KEY = 'early-auth-key-0123456789';
const TEN_MB = 10 * 1024 * 1024 - 1024;

const policy = (effect: 'Allow' | 'Deny'): FakeAnswer => ({
  result: {
    principalId: 'user-1',
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Effect: effect, Action: 'execute-api:Invoke', Resource: '*' }],
    },
  },
});
const unauthorized: FakeAnswer = {
  headers: { 'X-Amz-Function-Error': 'Unhandled' },
  result: { errorType: 'Error', errorMessage: 'Unauthorized' },
};

const routing: RoutingFile = {
  routes: [
    { path: '/token', method: 'POST', function: 'early-echo', auth: { authorizer: 'Api.Token' } },
    { path: '/request', method: 'POST', function: 'early-echo', auth: { authorizer: 'Api.Req' } },
    {
      path: '/keyed',
      method: 'POST',
      function: 'early-echo',
      api: 'KeyedApi',
      auth: { apiKeyRequired: true },
    },
  ],
  authorizers: {
    'Api.Token': {
      type: 'lambda',
      api: 'rest',
      function: 'early-tokenauth',
      payloadType: 'TOKEN',
      identitySource: ['method.request.header.Authorization'],
      ttlSeconds: 0,
    },
    'Api.Req': {
      type: 'lambda',
      api: 'rest',
      function: 'early-requestauth',
      payloadType: 'REQUEST',
      identitySource: ['method.request.header.x-user'],
      ttlSeconds: 0,
    },
  },
  apiKeys: [{ id: 'EarlyKey', value: KEY, enabled: true }],
  usagePlans: [
    { id: 'Plan', apis: ['KeyedApi'], apiKeys: ['EarlyKey'], quota: { limit: 2, period: 'DAY' } },
  ],
};

/**
 * Sends the head of a POST announcing a 10 MB body and then only `sent` bytes of it; resolves with
 * the status line once the connection closes ('' when it closed without one) and how many body
 * bytes had been written by then.
 */
function partialUpload(
  port: number,
  path: string,
  headers: string[],
  sent = 4096,
): Promise<{ status: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ status: answer.split('\r\n')[0], timedOut: true });
    }, 8000);
    socket.on('connect', () => {
      const head = [`POST ${path} HTTP/1.1`, 'host: x', `content-length: ${TEN_MB}`, ...headers];
      socket.write(`${head.join('\r\n')}\r\n\r\n`);
      socket.write(Buffer.alloc(sent, 'a'));
    });
    socket.on('data', (data: Buffer) => (answer += data.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ status: answer.split('\r\n')[0], timedOut: false });
    });
  });
}

/** A refused 10 MB POST written as fast as the Gateway takes it; resolves with its status line. */
function refusedFullUpload(port: number): Promise<string> {
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
      socket.write(
        `POST /token HTTP/1.1\r\nhost: x\r\nauthorization: Bearer wrong\r\ncontent-length: ${TEN_MB}\r\n\r\n`,
      );
      pump();
    });
    socket.on('data', (data: Buffer) => (answer += data.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(answer.split('\r\n')[0]));
  });
}

function peakRss(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmHWM for ${pid}`);
  return Number(match[1]) * 1024;
}

describe('hardening: template-protected routes authenticate before the body (built Gateway)', () => {
  const manager = new FakeManager(SECRETS.MANAGER_TOKEN);
  const echo = new FakeContainer((event) => ({
    result: { statusCode: 200, body: String((event.body as string | null)?.length ?? 0) },
  }));
  const tokenAuth = new FakeContainer((event) =>
    event.authorizationToken === 'Bearer good' ? policy('Allow') : unauthorized,
  );
  const requestAuth = new FakeContainer((event) =>
    policy((event.headers as Record<string, string>)['x-user'] === 'alice' ? 'Allow' : 'Deny'),
  );
  const gateway = new GatewayProcess();

  beforeAll(async () => {
    await Promise.all([manager.start(), echo.start(), tokenAuth.start(), requestAuth.start()]);
    manager.define('early-echo', { running: [echo.url] });
    manager.define('early-tokenauth', { running: [tokenAuth.url] });
    manager.define('early-requestauth', { running: [requestAuth.url] });
    await gateway.start({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      MANAGER_URL: manager.url,
      ROUTING_FILE: writeSecuredRoutingFile(routing),
      BUILTIN_LOGIN: 'false',
      ...SECRETS,
    });
  }, 60_000);

  afterAll(async () => {
    await gateway.stop();
    await Promise.all([manager.stop(), echo.stop(), tokenAuth.stop(), requestAuth.stop()]);
  });

  it.each([
    { route: '/token', headers: ['authorization: Bearer wrong'], status: '401 Unauthorized' },
    { route: '/token', headers: [], status: '401 Unauthorized' },
    { route: '/request', headers: ['x-user: mallory'], status: '403 Forbidden' },
    { route: '/keyed', headers: ['x-api-key: not-the-key-0123'], status: '403 Forbidden' },
    { route: '/keyed', headers: [], status: '403 Forbidden' },
  ])(
    '$route with $headers: $status while 10 MB of body are still unsent',
    async ({ route, headers, status }) => {
      const answer = await partialUpload(gateway.port, route, headers);
      expect(answer).toEqual({ status: `HTTP/1.1 ${status}`, timedOut: false });
    },
  );

  it('asks the authorizers with the headers alone; the refused calls never reach the function', () => {
    expect(tokenAuth.events.map((event) => event.authorizationToken)).toContain('Bearer wrong');
    expect(requestAuth.events.map((event) => event.body)).toEqual([undefined]);
    expect(echo.events).toEqual([]);
  });

  it('passes an accepted body whole, authorizing once per call and metering the plan once', async () => {
    const body = 'b'.repeat(1024 * 1024);
    const before = tokenAuth.events.length;
    const good = await send(gateway.port, {
      method: 'POST',
      path: '/token',
      headers: [['authorization', 'Bearer good']],
      body,
    });
    expect(good).toMatchObject({ status: 200, body: String(body.length) });
    expect(tokenAuth.events.length - before).toBe(1);
    // The quota is 2 a day: metered twice per call, the second call would already be refused.
    const keyed = [];
    for (let call = 0; call < 3; call += 1) {
      keyed.push(
        (
          await send(gateway.port, {
            method: 'POST',
            path: '/keyed',
            headers: [['x-api-key', KEY]],
            body: 'x',
          })
        ).status,
      );
    }
    expect(keyed).toEqual([200, 200, 429]);
  });

  it('40 concurrent refused 10 MB uploads to an authorizer route leave the peak RSS alone', async () => {
    const before = peakRss(gateway.pid);
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => refusedFullUpload(gateway.port)),
    );
    // Buffered, the bodies alone would be 400 MB.
    expect(peakRss(gateway.pid) - before).toBeLessThan(60 * 1024 * 1024);
    expect(
      answers.filter((answer) => answer !== '' && answer !== 'HTTP/1.1 401 Unauthorized'),
    ).toEqual([]);
    expect(answers).toContain('HTTP/1.1 401 Unauthorized');
  }, 120_000);
});
