import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { createServer } from 'node:net';
import { connect } from 'node:tls';
import { Agent, request } from 'undici';
import { loadTlsMaterial } from '../src/tls/tls-material';
import {
  gatewayUrl,
  loginHeader,
  startGateway,
  TEST_SECRETS,
  TestGateway,
} from './support/gateway-app';
import { FakeContainer } from './support/fake-container';
import { FakeManager } from './support/fake-manager';

describe('Gateway health, metrics and HTTPS', () => {
  let manager: FakeManager;
  let container: FakeContainer;
  let gateway: TestGateway;

  beforeAll(async () => {
    container = await FakeContainer.answering({ statusCode: 200, body: 'hi' }).start();
    manager = await new FakeManager(TEST_SECRETS.MANAGER_TOKEN)
      .define('hello', { running: [], spare: [container.url] })
      .start();
    gateway = await startGateway(manager.url, [
      { path: '/hello/{name}', method: 'GET', function: 'hello' },
    ]);
  });

  afterAll(async () => {
    await gateway.app.close();
    await Promise.all([manager.stop(), container.stop()]);
  });

  it('is ready while the Manager answers and not ready when it does not', async () => {
    const ready = await gateway.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ok', info: { manager: { status: 'up' } } });
    manager.ready = false;
    const notReady = await gateway.app.inject({ method: 'GET', url: '/health/ready' });
    manager.ready = true;
    expect(notReady.statusCode).toBe(503);
    expect(notReady.json()).toMatchObject({ error: { manager: { status: 'down' } } });
  });

  it('counts requests by route and status, cold and warm invocations and cache hits', async () => {
    const auth = await loginHeader(gateway.app);
    await gateway.app.inject({ method: 'GET', url: '/hello/a', headers: auth });
    await gateway.app.inject({ method: 'GET', url: '/hello/b', headers: auth });
    await gateway.app.inject({ method: 'GET', url: '/nowhere', headers: auth });
    const metrics = (await gateway.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toContain(
      'gateway_requests_total{route="GET /hello/{name}",method="GET",status="200"} 2',
    );
    expect(metrics).toContain(
      'gateway_requests_total{route="unrouted",method="GET",status="404"} 1',
    );
    expect(metrics).toContain('gateway_invocations_total{function="hello",start="cold"} 1');
    expect(metrics).toContain('gateway_invocations_total{function="hello",start="warm"} 1');
    expect(metrics).toContain('gateway_container_cache_total{result="hit"} 1');
    expect(metrics).toContain('gateway_request_duration_seconds_bucket');
  });

  it('serves the CloudWatch Logs shim at /cloudwatch-logs, not as a route (its own auth)', async () => {
    const response = await gateway.app.inject({
      method: 'POST',
      url: '/cloudwatch-logs',
      headers: { 'x-amz-target': 'Logs_20140328.DescribeLogGroups' },
      payload: '{}',
    });
    expect(response.statusCode).toBe(403);
    expect(response.headers['x-amzn-errortype']).toBe('MissingAuthenticationTokenException');
  });

  it('answers 503 and is not ready while the Manager cannot be reached', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const orphan = await startGateway(`http://127.0.0.1:${closedPort}`, [
      { path: '/hello/{name}', method: 'GET', function: 'hello' },
    ]);
    try {
      const auth = await loginHeader(orphan.app);
      const routed = await orphan.app.inject({ method: 'GET', url: '/hello/x', headers: auth });
      expect(routed.statusCode).toBe(503);
      expect(routed.json()).toEqual({ message: 'Service Unavailable' });
      const ready = await orphan.app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(503);
    } finally {
      await orphan.app.close();
    }
  });

  it('serves HTTPS with the certificate it generated and kept', async () => {
    const tlsDir = join(mkdtempSync(join(tmpdir(), 'gateway-https-')), 'tls');
    const tls = await loadTlsMaterial({ TLS_DIR: tlsDir });
    const secure = await startGateway(manager.url, [], {}, { key: tls.key, cert: tls.cert });
    try {
      const url = gatewayUrl(secure.app, 'https');
      const agent = new Agent({ connect: { ca: readFileSync(join(tlsDir, 'gateway.crt')) } });
      const response = await request(`${url}/health/live`, { dispatcher: agent });
      expect(response.statusCode).toBe(200);
      await response.body.dump();
      await agent.close();
      const port = new URL(url).port;
      const presented = await new Promise<string>((resolve, reject) => {
        const socket = connect(
          { host: '127.0.0.1', port: Number(port), rejectUnauthorized: false },
          () => {
            resolve(socket.getPeerX509Certificate()?.fingerprint256 ?? '');
            socket.end();
          },
        );
        socket.on('error', reject);
      });
      expect(presented).toBe(new X509Certificate(tls.cert).fingerprint256);
    } finally {
      await secure.app.close();
    }
  });
});
