import 'reflect-metadata';
import { request } from 'undici';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { TEST_TOKEN } from '../../apps/manager/test/manager-app';
import {
  gatewayUrl,
  loginHeader,
  startGateway,
  TestGateway,
} from '../../apps/gateway/test/support/gateway-app';
import { buildImage, testDocker } from '../support/docker';
import { ManagerTestScope } from './manager-support';

/**
 * Client → Gateway → real Manager → real containers of a function built on the project's Node.js
 * runtime image (npm run images:base).
 */
describe('Gateway through the real Manager and real containers (real Docker)', () => {
  const docker = testDocker();
  const scope = new ManagerTestScope(docker);
  const image = `onpre-lambda/gwtest-fn:${scope.id}`;
  let manager: NestFastifyApplication;
  let gateway: TestGateway;

  const get = async (path: string, headers: Record<string, string>) => {
    const response = await request(`${gatewayUrl(gateway.app)}${path}`, { headers });
    return {
      status: response.statusCode,
      json: (await response.body.json()) as Record<string, string>,
    };
  };

  beforeAll(async () => {
    await buildImage(docker, image, {
      Dockerfile: [
        'FROM onpre-lambda/runtime-nodejs:20',
        'COPY index.js /var/task/index.js',
        'CMD ["index.handler"]',
      ].join('\n'),
      'index.js': [
        "const { hostname } = require('os');",
        'exports.handler = async (event, context) => {',
        // The slow route only makes two requests overlap; nothing is asserted about time.
        "  if (event.path === '/fn/slow') await new Promise((resolve) => setTimeout(resolve, 1500));",
        '  return {',
        '    statusCode: 200,',
        "    headers: { 'content-type': 'application/json' },",
        '    body: JSON.stringify({',
        '      path: event.path,',
        "      user: event.requestContext.authorizer.claims['cognito:username'],",
        '      eventRequestId: event.requestContext.requestId,',
        '      awsRequestId: context.awsRequestId,',
        '      container: hostname(),',
        '    }),',
        '  };',
        '};',
      ].join('\n'),
    });
    scope.writeFunctions({ gw: { image, timeout: 10, reservedConcurrency: 2 } });
    manager = await scope.startManager();
    await manager.listen(0, '127.0.0.1');
    const managerUrl = `http://127.0.0.1:${(manager.getHttpServer().address() as { port: number }).port}`;
    gateway = await startGateway(
      managerUrl,
      [{ path: '/fn/{proxy+}', method: 'GET', function: scope.fn('gw') }],
      { MANAGER_TOKEN: TEST_TOKEN },
    );
  });

  afterAll(async () => {
    await gateway?.app.close();
    await scope.cleanUp();
    await docker
      .getImage(image)
      .remove({ force: true })
      .catch(() => undefined);
  });

  it('logs in, calls a route and gets the function answer with the request id', async () => {
    const auth = await loginHeader(gateway.app);
    const answer = await get('/fn/hello', { ...auth, 'x-request-id': 'docker-trace-1' });
    expect(answer).toEqual({
      status: 200,
      json: {
        path: '/fn/hello',
        user: 'alice',
        eventRequestId: 'docker-trace-1',
        awsRequestId: 'docker-trace-1',
        container: expect.any(String),
      },
    });
  });

  it('serves two concurrent slow requests with two containers', async () => {
    const auth = await loginHeader(gateway.app);
    const answers = await Promise.all([get('/fn/slow', auth), get('/fn/slow', auth)]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    const containers = new Set(answers.map((answer) => answer.json.container));
    expect(containers.size).toBe(2);
    expect(await scope.containers(scope.fn('gw'))).toHaveLength(2);
  });
});
