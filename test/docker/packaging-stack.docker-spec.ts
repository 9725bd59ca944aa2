import { testDocker } from '../support/docker';
import { ComposeStack } from './packaging-stack-support';

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

  it('the Manager publishes no port and only joins the internal Lambda network', async () => {
    const info = await (await stack.containerOf('manager')).inspect();
    expect(
      Object.values(info.NetworkSettings.Ports ?? {})
        .flat()
        .filter(Boolean),
    ).toEqual([]);
    expect(Object.keys(info.NetworkSettings.Networks)).toEqual([`${stack.id}-lambda`]);
    const network = await docker.getNetwork(`${stack.id}-lambda`).inspect();
    expect(network.Internal).toBe(true);
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
