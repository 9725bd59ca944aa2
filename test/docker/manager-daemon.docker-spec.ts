import 'reflect-metadata';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { testDocker } from '../support/docker';
import { buildEchoImage, ensure, ManagerTestScope } from './manager-support';
import { DockerSocketProxy } from './manager-socket-proxy';

/**
 * The daemon going away and coming back, simulated with a socket proxy the test closes and reopens
 * (the shared daemon is never stopped).
 */
describe('Manager when the Docker daemon goes away (real Docker behind a socket proxy)', () => {
  const docker = testDocker();
  const scope = new ManagerTestScope(docker);
  const proxy = new DockerSocketProxy(join(scope.dir, 'docker.sock'));
  let app: NestFastifyApplication;

  beforeAll(async () => {
    await buildEchoImage(docker);
    scope.writeFunctions({ echo: {} });
    await proxy.open();
    app = await scope.startManager({ DOCKER_SOCKET: proxy.path });
  });

  afterAll(async () => {
    await proxy.close();
    await scope.cleanUp();
  });

  const ready = () => app.inject({ method: 'GET', url: '/health/ready' });

  it('is ready while the daemon answers', async () => {
    expect((await ready()).statusCode).toBe(200);
    expect((await ensure(app, scope.fn('echo'))).statusCode).toBe(200);
  });

  it('reports DOWN and answers ensure with 503 while the daemon is gone', async () => {
    await proxy.close();
    const down = await ready();
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ error: { docker: { status: 'down' } } });
    const refused = await ensure(app, scope.fn('echo'));
    expect(refused.statusCode).toBe(503);
    expect(refused.json()).toEqual({
      message: expect.stringMatching(/^Docker engine unreachable/),
    });
  });

  it('is UP again without a restart once the daemon is back, and the warm container still serves', async () => {
    await proxy.open();
    expect((await ready()).statusCode).toBe(200);
    const again = await ensure(app, scope.fn('echo'));
    expect(again.statusCode).toBe(200);
    expect(again.json().started).toBe(0);
  });
});
