import 'reflect-metadata';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { MANAGER_TOKEN_HEADER } from '@app/contracts';
import { TEST_TOKEN } from '../../apps/manager/test/manager-app';
import { testDocker } from '../support/docker';
import { buildEchoImage, ensure, invoke, ManagerTestScope } from './manager-support';

/** ADDRESS_MODE=network (Manager and Gateway inside Docker): internal network, nothing published. */
describe('Manager in network address mode (real Docker)', () => {
  const docker = testDocker();
  const scope = new ManagerTestScope(docker);
  let app: NestFastifyApplication;

  beforeAll(async () => {
    await buildEchoImage(docker);
    scope.writeFunctions({ inside: {} });
  });

  afterAll(async () => {
    await scope.cleanUp();
  });

  it('creates an internal network, publishes no port and returns the address on that network', async () => {
    app = await scope.startManager({ ADDRESS_MODE: 'network' });
    const response = await ensure(app, scope.fn('inside'));
    expect(response.statusCode).toBe(200);
    const { id, url } = response.json().containers[0];
    const network = await docker.getNetwork(scope.network).inspect();
    expect(network.Internal).toBe(true);
    const inspected = await docker.getContainer(id).inspect();
    const ip = inspected.NetworkSettings.Networks[scope.network].IPAddress;
    expect(url).toBe(`http://${ip}:8080`);
    expect(inspected.HostConfig.PortBindings ?? {}).toEqual({});
    expect(inspected.HostConfig.ExtraHosts ?? []).toEqual([]);
    // The host reaches a container on an internal bridge by its address (Linux), which stands in
    // for the Gateway container on the same network.
    expect((await invoke(url, { inside: true })).event).toEqual({ inside: true });
  });

  it('makes the network again when it was removed while the Manager ran', async () => {
    const stopped = await app.inject({
      method: 'DELETE',
      url: `/functions/${scope.fn('inside')}/containers`,
      headers: { [MANAGER_TOKEN_HEADER]: TEST_TOKEN },
    });
    expect(stopped.json().stopped).toHaveLength(1);
    await docker.getNetwork(scope.network).remove();
    const response = await ensure(app, scope.fn('inside'));
    expect(response.statusCode).toBe(200);
    expect((await docker.getNetwork(scope.network).inspect()).Internal).toBe(true);
    expect((await invoke(response.json().containers[0].url, { again: 1 })).event).toEqual({
      again: 1,
    });
  });
});
