import 'reflect-metadata';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { MANAGER_TOKEN_HEADER } from '@app/contracts';
import { FakeClock } from './fakes/fake-clock';
import { FakeContainerRuntime } from './fakes/fake-container-runtime';
import { FakeHttpProbe } from './fakes/fake-http-probe';
import { HELLO_FUNCTIONS, InMemoryFunctionsSource } from './fakes/pool-harness';
import { createManagerApp, TEST_TOKEN } from './manager-app';

describe('Manager API (in process, fake engine)', () => {
  let app: NestFastifyApplication;
  let runtime: FakeContainerRuntime;
  const auth = { [MANAGER_TOKEN_HEADER]: TEST_TOKEN };

  const call = (
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    payload?: object,
    headers: Record<string, string> = auth,
  ) => app.inject({ method, url, payload, headers });

  beforeEach(async () => {
    runtime = new FakeContainerRuntime();
    app = await createManagerApp({
      runtime,
      probe: new FakeHttpProbe(),
      clock: new FakeClock(),
      functionsSource: new InMemoryFunctionsSource(HELLO_FUNCTIONS),
    });
  });

  afterEach(async () => {
    await app.close();
  });

  it.each([
    ['no token', {}],
    ['a wrong token', { [MANAGER_TOKEN_HEADER]: 'wrong-token-wrong-token' }],
  ])('refuses calls with %s (401)', async (_case, headers) => {
    const response = await call('POST', '/functions/ensure', { function: 'hello' }, headers);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ message: 'Unauthorized' });
    expect(runtime.calls.run).toBe(0);
  });

  it.each([
    [{}, 'function must match [A-Za-z0-9_-]{1,64}'],
    [{ function: 'bad name!' }, 'function must match [A-Za-z0-9_-]{1,64}'],
    [
      { function: 'hello', reason: 'eager' },
      'reason must be one of the following values: cold, scale',
    ],
  ])('answers 400 with field messages for %j', async (body, message) => {
    const response = await call('POST', '/functions/ensure', body);
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain(message);
  });

  it('lists the configured function names (token required)', async () => {
    expect((await call('GET', '/functions')).json()).toEqual({ functions: ['hello', 'other'] });
    expect((await call('GET', '/functions', undefined, {})).statusCode).toBe(401);
  });

  it('answers 400 for a malformed heartbeat report', async () => {
    const response = await call('POST', '/heartbeat', {
      reports: [{ function: 'hello', url: 'http://x', lastActiveAt: 'yesterday', invocations: -1 }],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toEqual(
      expect.arrayContaining([
        'reports.0.lastActiveAt must be a valid ISO 8601 date string',
        'reports.0.invocations must not be less than 0',
      ]),
    );
  });

  it('ensures, lists, heartbeats and stops', async () => {
    const ensured = await call('POST', '/functions/ensure', { function: 'hello' });
    expect(ensured.statusCode).toBe(200);
    const body = ensured.json();
    expect(body).toMatchObject({
      function: 'hello',
      started: 1,
      maxContainers: 3,
      timeoutSeconds: 3,
    });
    const [container] = body.containers;

    const listed = await call('GET', '/containers');
    expect(listed.json().containers).toEqual([
      expect.objectContaining({ name: 'lambda-hello-1', function: 'hello', state: 'running' }),
    ]);

    const heartbeat = await call('POST', '/heartbeat', {
      reports: [
        {
          function: 'hello',
          url: container.url,
          lastActiveAt: new Date().toISOString(),
          invocations: 1,
        },
        {
          function: 'hello',
          url: 'http://unknown:8080',
          lastActiveAt: new Date().toISOString(),
          invocations: 1,
        },
      ],
    });
    expect(heartbeat.json()).toEqual({ accepted: 1 });

    const stopOne = await call('DELETE', `/containers/${container.name}`);
    expect(stopOne.json()).toEqual({ stopped: ['lambda-hello-1'] });
    expect(runtime.containers.size).toBe(0);
    const again = await call('DELETE', `/containers/${container.name}`);
    expect(again.json()).toEqual({ stopped: [] });
  });

  it('stops every container of a function', async () => {
    await call('POST', '/functions/ensure', { function: 'hello' });
    await call('POST', '/functions/ensure', { function: 'hello', reason: 'scale' });
    await call('POST', '/functions/ensure', { function: 'other' });
    const response = await call('DELETE', '/functions/hello/containers');
    expect(response.json().stopped.sort()).toEqual(['lambda-hello-1', 'lambda-hello-2']);
    expect([...runtime.containers.values()].map((c) => c.name)).toEqual(['lambda-other-1']);
  });

  it.each([
    ['an unconfigured function', 'nope', () => undefined, 404, /'nope' is not configured/],
    [
      'a missing image',
      'hello',
      (r: FakeContainerRuntime) => r.missingImages.add('fn-hello:latest'),
      404,
      /fn-hello:latest.*docker build/,
    ],
    [
      'an unreachable engine',
      'hello',
      (r: FakeContainerRuntime) => (r.down = true),
      503,
      /Docker engine unreachable/,
    ],
  ])('maps %s to a JSON error', async (_case, fn, arrange, status, message) => {
    arrange(runtime);
    const response = await call('POST', '/functions/ensure', { function: fn });
    expect(response.statusCode).toBe(status);
    expect(Object.keys(response.json())).toEqual(['message']);
    expect(response.json().message).toMatch(message);
    expect(response.body).not.toMatch(/\n\s+at /);
  });

  it('reports readiness from the engine: DOWN while it is gone, UP when it returns', async () => {
    expect((await call('GET', '/health/ready', undefined, {})).statusCode).toBe(200);
    runtime.down = true;
    const down = await call('GET', '/health/ready', undefined, {});
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ status: 'error', error: { docker: { status: 'down' } } });
    runtime.down = false;
    expect((await call('GET', '/health/ready', undefined, {})).json()).toMatchObject({
      status: 'ok',
      info: { docker: { status: 'up' } },
    });
  });

  it('serves metrics and the OpenAPI document without the token', async () => {
    await call('POST', '/functions/ensure', { function: 'hello' });
    const metrics = await call('GET', '/metrics', undefined, {});
    expect(metrics.statusCode).toBe(200);
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.body).toContain('onpre_manager_cold_starts_total{function="hello"} 1');
    const openapi = await call('GET', '/openapi.json', undefined, {});
    expect(Object.keys(openapi.json().paths)).toEqual(
      expect.arrayContaining([
        '/functions/ensure',
        '/containers',
        '/containers/{name}',
        '/functions/{name}/containers',
        '/heartbeat',
      ]),
    );
    const ui = await call('GET', '/docs', undefined, {});
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
    // Schemas and coverage: openapi.e2e-spec.ts.
  });
});

describe('Manager start-up with an invalid functions.yml', () => {
  it('refuses to start, naming the file, the function and the field', async () => {
    const start = createManagerApp({
      runtime: new FakeContainerRuntime(),
      functionsSource: new InMemoryFunctionsSource(
        'functions:\n  hello: { image: i, memorySize: 1 }',
      ),
    });
    await expect(start).rejects.toThrow(
      'functions.yml is invalid:\n  - functions.hello.memorySize: must be an integer from 128 to 10240',
    );
  });
});
