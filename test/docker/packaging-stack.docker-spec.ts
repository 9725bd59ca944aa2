import { testDocker } from '../support/docker';
import { ComposeStack } from './packaging-stack-support';

const UNRESOLVED = /^(ENOTFOUND|EAI_AGAIN|TimeoutError)$/;

describe('Compose stack (docker-compose.yml + test override, real engine)', () => {
  const docker = testDocker();
  const stack = new ComposeStack('stack');

  beforeAll(() => stack.up());
  afterAll(() => stack.down());

  it('every service comes up; Gateway and Manager pass their health checks', async () => {
    for (const service of ['gateway', 'manager']) {
      const state = (await (await stack.containerOf(service)).inspect()).State;
      expect(state.Health?.Status).toBe('healthy');
    }
    for (const service of ['s3', 'dynamodb', 'victorialogs']) {
      expect((await (await stack.containerOf(service)).inspect()).State.Running).toBe(true);
    }
  });

  it('the Manager publishes no port and joins only the internal control and Lambda networks', async () => {
    const info = await (await stack.containerOf('manager')).inspect();
    expect(
      Object.values(info.NetworkSettings.Ports ?? {})
        .flat()
        .filter(Boolean),
    ).toEqual([]);
    expect(Object.keys(info.NetworkSettings.Networks).sort()).toEqual([
      `${stack.id}-lambda`,
      `${stack.id}_control`,
    ]);
    for (const name of [`${stack.id}-lambda`, `${stack.id}_control`]) {
      expect((await docker.getNetwork(name).inspect()).Internal).toBe(true);
    }
  });

  it('a function reaches the Gateway, not the Manager API, VictoriaLogs or another function', async () => {
    const token = await stack.login();
    const auth = { authorization: `Bearer ${token}` };
    // A container of the other function, on the same Lambda network.
    expect((await stack.call('/traced/warm', { headers: auth })).statusCode).toBe(200);
    const [peer] = await docker.listContainers({
      filters: { label: [`onpre-lambda.instance=${stack.id}`, 'onpre-lambda.function=traced'] },
    });
    const peerAddress = peer.NetworkSettings.Networks[`${stack.id}-lambda`].IPAddress;
    const response = await stack.call(`/pkgtest/reach?peer=${peerAddress}`, { headers: auth });
    expect(response.statusCode).toBe(200);
    expect(await response.body.json()).toEqual({
      gateway: 200,
      // The Manager is on the Lambda network (readiness probes) but listens on its control address
      // only; the control-only alias and VictoriaLogs do not resolve there (the lookup of a name
      // unknown on an internal network fails or hangs until the 3 s deadline).
      manager: 'ECONNREFUSED',
      managerApi: expect.stringMatching(UNRESOLVED),
      victorialogs: expect.stringMatching(UNRESOLVED),
      // Another function's invoke endpoint without its token.
      peer: 403,
    });
    // The Gateway still invokes that function (it presents the token).
    expect((await stack.call('/traced/again', { headers: auth })).statusCode).toBe(200);
  });

  it('serves an authenticated routed request from a function container over HTTPS', async () => {
    const token = await stack.login();
    const requestId = `${stack.id}-trace`;
    const response = await stack.call('/pkgtest/hello', {
      headers: { authorization: `Bearer ${token}`, 'x-request-id': requestId },
    });
    const body = (await response.body.json()) as Record<string, unknown>;
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-request-id']).toBe(requestId);
    expect(body).toMatchObject({
      path: '/pkgtest/hello',
      requestId,
      s3: 'http://s3:9000',
      dynamodb: 'http://dynamodb:8001',
    });
    // Reachable over the internal network: any HTTP status (not a connection error) will do.
    expect(body.s3Status).toEqual(expect.any(Number));
    expect(body.dynamodbStatus).toEqual(expect.any(Number));
  });
});
