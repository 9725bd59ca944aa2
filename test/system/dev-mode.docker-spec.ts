import { readDevSettings } from '../../scripts/dev/settings';
import { testDocker } from '../support/docker';
import { appProcess, DevModeRun, processesWithEnvironment } from './support/dev-mode-process';
import { GatewayAnswer, GatewayClient } from './support/gateway-client';

/**
 * `npm start` as a user runs it (scripts/start.mjs, the example app), on its own ports, instance and
 * network: every example route through the Gateway, then Ctrl-C leaves nothing running.
 */
describe('dev mode: npm start serves the example app (real Docker)', () => {
  const docker = testDocker();
  const run = new DevModeRun();
  const { apiKey, user, password } = readDevSettings({}, [], '/', () => false).credentials;
  let gateway: GatewayClient;

  beforeAll(async () => {
    await run.start(170_000);
    gateway = new GatewayClient(run.gatewayPort, run.certificate);
    await gateway.login(apiKey, user, password);
  });

  afterAll(() => run.cleanUp(docker));

  const expectJson = (answer: GatewayAnswer, status: number) => {
    expect({ status: answer.status, text: answer.text }).toEqual({
      status,
      text: expect.any(String),
    });
    return answer.json();
  };

  it('hello greets the caller with the shared layer word', async () => {
    const body = expectJson(await gateway.send('GET', '/hello'), 200);
    expect(body).toEqual({ message: `Howdy, ${user}!`, stage: 'dev' });
  });

  it('greet-py (python, payload 2.0) greets the path name and reports the caller', async () => {
    const body = expectJson(await gateway.send('GET', '/py/hello/ada'), 200);
    expect(body).toMatchObject({ message: 'Howdy, ada!', caller: user, runtime: 'python' });
  });

  it('files writes an S3 object and reads it back', async () => {
    const text = `written by ${run.id}`;
    const put = await gateway.send('PUT', `/files/${run.id}.txt`, text, {
      'content-type': 'text/plain',
    });
    expect(expectJson(put, 201)).toMatchObject({ key: `${run.id}.txt`, size: text.length });
    const get = await gateway.send('GET', `/files/${run.id}.txt`);
    expect({ status: get.status, text: get.text }).toEqual({ status: 200, text });
  });

  it('items writes a DynamoDB item and reads it back', async () => {
    const item = JSON.stringify({ colour: 'teal', count: 3 });
    const put = await gateway.send('PUT', `/items/${run.id}`, item, {
      'content-type': 'application/json',
    });
    expect(expectJson(put, 201)).toEqual({ id: run.id, colour: 'teal', count: 3 });
    const get = await gateway.send('GET', `/items/${run.id}`);
    expect(expectJson(get, 200)).toEqual({ id: run.id, colour: 'teal', count: 3 });
  });

  it('invoker calls worker through the Lambda API, sync and async (async result lands in S3)', async () => {
    const answer = await gateway.send('POST', '/invoke', JSON.stringify({ message: run.id }), {
      'content-type': 'application/json',
    });
    const body = expectJson(answer, 200) as {
      sync: { statusCode: number; result: unknown };
      async: { statusCode: number; key: string };
    };
    expect(body.sync).toEqual({ statusCode: 200, result: { echo: run.id, handledBy: 'worker' } });
    expect(body.async.statusCode).toBe(202);

    let record: GatewayAnswer | undefined;
    for (let attempt = 0; attempt < 120 && record?.status !== 200; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 500));
      record = await gateway.send('GET', `/files/${body.async.key}`);
    }
    expect(record && expectJson(record, 200)).toEqual({ message: run.id, recordedBy: 'worker' });
  });

  it('Ctrl-C stops everything: exit 0, no container of its instance, no Manager or Gateway left', async () => {
    const running = await docker.listContainers({
      filters: { label: [`onpre-lambda.instance=${run.id}`] },
    });
    expect(running.length).toBeGreaterThan(0);

    expect(await run.interrupt(90_000)).toBe(0);
    const left = await docker.listContainers({
      all: true,
      filters: { label: [`onpre-lambda.instance=${run.id}`] },
    });
    expect(left.map((container) => container.Names[0])).toEqual([]);
    expect(processesWithEnvironment('MANAGER_INSTANCE', run.id)).toEqual([]);
    expect(run.output).toContain('dev: stopped');
    const networks = await docker.listNetworks({ filters: { name: [`${run.id}-net`] } });
    expect(networks).toEqual([]);
  });
});

describe('dev mode: a crashed Manager stops everything, its containers still removed (real Docker)', () => {
  const docker = testDocker();
  const run = new DevModeRun();
  const { apiKey, user, password } = readDevSettings({}, [], '/', () => false).credentials;

  beforeAll(() => run.start(170_000));
  afterAll(() => run.cleanUp(docker));

  it('kill -9 of the Manager: exit 1, containers removed by their instance label, nothing left', async () => {
    const gateway = new GatewayClient(run.gatewayPort, run.certificate);
    await gateway.login(apiKey, user, password);
    expect((await gateway.send('GET', '/hello')).status).toBe(200);
    const manager = appProcess('manager', run.id);
    expect(manager).toEqual(expect.any(Number));

    process.kill(manager as number, 'SIGKILL');
    expect(await run.exited(90_000)).toBe(1);
    expect(run.output).toContain('dev: manager exited (SIGKILL); stopping everything');
    expect(run.output).toMatch(/dev: removed lambda-hello-\d+/);
    const left = await docker.listContainers({
      all: true,
      filters: { label: [`onpre-lambda.instance=${run.id}`] },
    });
    expect(left.map((container) => container.Names[0])).toEqual([]);
    expect(processesWithEnvironment('MANAGER_INSTANCE', run.id)).toEqual([]);
  });
});
