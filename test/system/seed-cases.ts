import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { GatewayAnswer, GatewayClient } from './support/gateway-client';
import { delay, eventually } from './support/system-run';

/**
 * A running system serving the example app (`examples/hello-app`), however it was started: what the
 * seed cases need of it. Members are read inside the cases, after the file's `beforeAll` started it.
 */
export interface SeedSystem {
  /** A client logged in as `credentials.user`. */
  readonly gateway: GatewayClient;
  anonymousClient(): GatewayClient;
  readonly credentials: { apiKey: string; user: string; password: string };
  /** Unique per run: item ids and messages carry it. */
  readonly runId: string;
  /** The Manager's `GET /health/ready`: HTTP status and JSON body. */
  managerReadiness(): Promise<{ status: number; body: unknown }>;
  /** Lambda containers of one function in this run (running ones unless `all`). */
  containers(functionName: string, all?: boolean): Promise<Docker.ContainerInfo[]>;
  /** The Gateway's JSON log lines so far. */
  gatewayLines(): Promise<Array<Record<string, unknown>>>;
  /** `docker logs` of one function container. */
  functionLog(containerId: string): Promise<string>;
  /** How often the Manager has logged a start of one of the function's containers (LOG_LEVEL info). */
  containerStarts(functionName: string): Promise<number>;
  /** Replaces the Manager process; resolves once the new one is ready. */
  restartManager(): Promise<unknown>;
}

/**
 * Environment both systems run with: info logs carry request ids and container starts; a 1 s
 * container cache makes the Gateway ask the (restarted) Manager soon.
 */
export const SEED_ENV = { LOG_LEVEL: 'info', CONTAINER_CACHE_TTL: '1' };

const statusAndJson = (answer: GatewayAnswer) => ({ status: answer.status, body: answer.json() });

/**
 * The seed project's end-to-end cases: health, login, 401/404, claims reaching the function,
 * DynamoDB, Lambda-to-Lambda sync and async, one request id through the Gateway's and the function
 * container's logs, and a Manager restart. Declared inside the caller's `describe`.
 */
export function seedCases(system: SeedSystem): void {
  it('health: the Gateway and the Manager are ready', async () => {
    const gateway = await system.anonymousClient().send('GET', '/health/ready');
    const manager = await system.managerReadiness();
    expect(statusAndJson(gateway)).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(manager).toMatchObject({
      status: 200,
      body: { status: 'ok', info: { docker: { status: 'up' } } },
    });
  });

  it('login returns a Bearer JWT for the configured user', async () => {
    const { apiKey, user, password } = system.credentials;
    const answer = await system
      .anonymousClient()
      .send(
        'POST',
        '/user/auth/ver1.0',
        JSON.stringify({ AuthParameters: { USERNAME: user, PASSWORD: password } }),
        { 'x-api-key': apiKey, 'content-type': 'application/json' },
      );
    const result = answer.json<{ AuthenticationResult: Record<string, unknown> }>()
      .AuthenticationResult;
    expect(answer.status).toBe(200);
    expect(result).toMatchObject({ TokenType: 'Bearer', ExpiresIn: expect.any(Number) });
    const [, payload] = String(result.IdToken).split('.');
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))).toMatchObject({
      'cognito:username': user,
    });
  });

  it('a routed call without a token is 401', async () => {
    const answer = await system.anonymousClient().send('GET', '/hello');
    expect(statusAndJson(answer)).toEqual({ status: 401, body: { message: 'Unauthorized' } });
  });

  it('an unknown route with a token is 404', async () => {
    const answer = await system.gateway.send('GET', '/no-such-route');
    expect(answer.status).toBe(404);
    expect(answer.json()).toEqual({ message: expect.any(String) });
  });

  it("the call reaches the function with the JWT user as the authorizer's cognito:username", async () => {
    const answer = await system.gateway.send('GET', '/hello');
    expect(statusAndJson(answer)).toEqual({
      status: 200,
      body: { message: `Howdy, ${system.credentials.user}!`, stage: 'dev' },
    });
  });

  it('DynamoDB put and get through a function', async () => {
    const id = `item-${system.runId}`;
    const item = JSON.stringify({ colour: 'teal', count: 3 });
    const put = await system.gateway.send('PUT', `/items/${id}`, item, {
      'content-type': 'application/json',
    });
    const get = await system.gateway.send('GET', `/items/${id}`);
    expect(statusAndJson(put)).toEqual({ status: 201, body: { id, colour: 'teal', count: 3 } });
    expect(statusAndJson(get)).toEqual({ status: 200, body: { id, colour: 'teal', count: 3 } });
  });

  it('Lambda-to-Lambda: RequestResponse answers, Event leaves its record in S3', async () => {
    const message = `msg-${system.runId}`;
    const answer = await system.gateway.send('POST', '/invoke', JSON.stringify({ message }), {
      'content-type': 'application/json',
    });
    const body = answer.json<{
      sync: { statusCode: number; result: unknown };
      async: { statusCode: number; key: string };
    }>();
    expect(answer.status).toBe(200);
    expect(body.sync).toEqual({ statusCode: 200, result: { echo: message, handledBy: 'worker' } });
    expect(body.async.statusCode).toBe(202);

    let record: GatewayAnswer | undefined;
    const recorded = await eventually(async () => {
      record = await system.gateway.send('GET', `/files/${body.async.key}`);
      return record.status === 200;
    }, 120);
    expect(recorded).toBe(true);
    expect(record?.json()).toEqual({ message, recordedBy: 'worker' });
  });

  it("X-Request-Id is echoed and found in the Gateway's and the function container's logs", async () => {
    const requestId = `system-${randomBytes(8).toString('hex')}`;
    const answer = await system.gateway.send('GET', '/hello', undefined, {
      'x-request-id': requestId,
    });
    expect(answer.status).toBe(200);
    expect(answer.headers['x-request-id']).toBe(requestId);

    const [hello] = await system.containers('hello');
    const containerLog = () => system.functionLog(hello.Id);
    expect(await eventually(async () => (await containerLog()).includes(requestId), 20)).toBe(true);
    const functionLines = (await containerLog())
      .split('\n')
      .filter((line) => line.includes(requestId));
    expect(functionLines.some((line) => line.includes('"type":"platform.report"'))).toBe(true);
    expect(
      await eventually(
        async () =>
          (await system.gatewayLines()).some(
            (line) => line.service === 'gateway' && line.request_id === requestId,
          ),
        20,
      ),
    ).toBe(true);
  });

  it('Manager restart: the next call is warm, served by the same container, none started', async () => {
    expect((await system.gateway.send('GET', '/hello')).status).toBe(200);
    const containersBefore = (await system.containers('hello', true)).map((c) => c.Id);
    const startsBefore = await system.containerStarts('hello');

    await system.restartManager();
    await delay(1500); // past CONTAINER_CACHE_TTL: the Gateway asks the new Manager
    const answer = await system.gateway.send('GET', '/hello');
    expect(answer.status).toBe(200);
    expect((await system.containers('hello', true)).map((c) => c.Id)).toEqual(containersBefore);
    expect(await system.containerStarts('hello')).toBe(startsBefore);
  });
}
