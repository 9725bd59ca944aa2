import 'reflect-metadata';
import { buildImage, testDocker } from '../support/docker';
import { ensure, ManagerTestScope } from './manager-support';

/** Containers that never get ready: exited at start → 502, never ready → 504; both are removed. */
describe('Manager start failures (real Docker)', () => {
  const docker = testDocker();
  const scope = new ManagerTestScope(docker);
  const image = 'onpre-lambda/mgrtest-faulty:latest';

  beforeAll(async () => {
    await buildImage(docker, image, {
      Dockerfile: [
        'FROM onpre-lambda/base-node:20',
        'COPY server.js /srv/server.js',
        'CMD ["node", "/srv/server.js"]',
      ].join('\n'),
      'server.js': [
        "if (process.env.MODE === 'exit') process.exit(3);",
        "process.on('SIGTERM', () => process.exit(0));",
        "require('http').createServer((q, s) => { s.statusCode = 503; s.end('initialising'); }).listen(8080);",
      ].join('\n'),
    });
    scope.writeFunctions({
      crash: { image, environment: { MODE: 'exit' } },
      unready: { image, environment: { MODE: 'unready' } },
    });
  });

  afterAll(async () => {
    await scope.cleanUp();
  });

  it.each([
    ['crash', 502, /exited while starting/],
    ['unready', 504, /was not ready within 1.5 s/],
  ])('%s → %i, container removed', async (name, status, message) => {
    const app = await scope.startManager({ READY_TIMEOUT_SECONDS: '1.5' });
    const response = await ensure(app, scope.fn(name));
    expect(response.statusCode).toBe(status);
    expect(response.json()).toEqual({ message: expect.stringMatching(message) });
    expect(await scope.containers(scope.fn(name))).toHaveLength(0);
    await scope.stopManager(app);
  });
});
