import { randomBytes } from 'node:crypto';
import { httpGet } from '../support/docker';
import { GatewayAnswer } from './support/gateway-client';
import { delay, eventually, jsonLines, SystemRun } from './support/system-run';

/**
 * The seed project's end-to-end cases against `npm start` serving the example app (one system run):
 * health, login, 401/404, claims reaching the function, DynamoDB, Lambda-to-Lambda sync and async,
 * one request id through the Gateway's and the function container's logs, and a Manager restart.
 */
describe('system suite: the seed cases through npm start (real Docker)', () => {
  const system = new SystemRun();

  // Info logs carry request ids and container starts; a 1 s cache makes the Gateway ask the Manager.
  beforeAll(() => system.start({ LOG_LEVEL: 'info', CONTAINER_CACHE_TTL: '1' }));
  afterAll(() => system.stop());

  const statusAndJson = (answer: GatewayAnswer) => ({ status: answer.status, body: answer.json() });

  it('health: the Gateway and the Manager are ready', async () => {
    const gateway = await system.anonymousClient().send('GET', '/health/ready');
    const manager = await httpGet(`http://127.0.0.1:${system.run.managerPort}/health/ready`);
    expect(statusAndJson(gateway)).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect({ status: manager.status, body: JSON.parse(manager.body) }).toMatchObject({
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
    const id = `item-${system.run.id}`;
    const item = JSON.stringify({ colour: 'teal', count: 3 });
    const put = await system.gateway.send('PUT', `/items/${id}`, item, {
      'content-type': 'application/json',
    });
    const get = await system.gateway.send('GET', `/items/${id}`);
    expect(statusAndJson(put)).toEqual({ status: 201, body: { id, colour: 'teal', count: 3 } });
    expect(statusAndJson(get)).toEqual({ status: 200, body: { id, colour: 'teal', count: 3 } });
  });

  it('Lambda-to-Lambda: RequestResponse answers, Event leaves its record in S3', async () => {
    const message = `msg-${system.run.id}`;
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
    const containerLog = async () =>
      (await system.docker.getContainer(hello.Id).logs({ stdout: true, stderr: true })).toString(
        'utf8',
      );
    expect(await eventually(async () => (await containerLog()).includes(requestId), 20)).toBe(true);
    const functionLines = (await containerLog())
      .split('\n')
      .filter((line) => line.includes(requestId));
    expect(functionLines.some((line) => line.includes('"type":"platform.report"'))).toBe(true);
    expect(
      await eventually(
        async () =>
          jsonLines(system.run.output).some(
            (line) => line.service === 'gateway' && line.request_id === requestId,
          ),
        20,
      ),
    ).toBe(true);
  });

  it('Manager restart: the next call is warm, served by the same container, none started', async () => {
    expect((await system.gateway.send('GET', '/hello')).status).toBe(200);
    const containersBefore = (await system.containers('hello', true)).map((c) => c.Id);
    const startsBefore = system.containerStarts('hello');

    await system.restartManager();
    await delay(1500); // past CONTAINER_CACHE_TTL: the Gateway asks the new Manager
    const answer = await system.gateway.send('GET', '/hello');
    expect(answer.status).toBe(200);
    expect((await system.containers('hello', true)).map((c) => c.Id)).toEqual(containersBefore);
    expect(system.containerStarts('hello')).toBe(startsBefore);
  });
});
