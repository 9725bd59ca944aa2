import 'reflect-metadata';
import { testDocker, buildImage } from '../support/docker';
import { ensure, invoke, ManagerTestScope } from './manager-support';

/** The Manager with a function image built on the project's own runtime (npm run images:base). */
describe('Manager with the real Node.js runtime image (real Docker)', () => {
  const docker = testDocker();
  const scope = new ManagerTestScope(docker);
  const image = 'onpre-lambda/mgrtest-fn-runtime:latest';

  beforeAll(async () => {
    await buildImage(docker, image, {
      Dockerfile: [
        'FROM onpre-lambda/runtime-nodejs:20',
        'COPY index.js /var/task/index.js',
        'CMD ["index.handler"]',
      ].join('\n'),
      'index.js': [
        'exports.handler = async (event, context) => ({',
        '  event,',
        '  functionName: context.functionName,',
        '  memory: context.memoryLimitInMB,',
        '  stage: process.env.STAGE,',
        '});',
      ].join('\n'),
    });
    scope.writeFunctions({ runtime: { image, memorySize: 256, environment: { STAGE: 'test' } } });
  });

  afterAll(async () => {
    await scope.cleanUp();
  });

  it('starts the function cold, waits for the runtime to be ready, and the address invokes it', async () => {
    const app = await scope.startManager();
    const started = Date.now();
    const response = await ensure(app, scope.fn('runtime'));
    const coldMs = Date.now() - started;
    expect(response.statusCode).toBe(200);
    const { url } = response.json().containers[0];
    expect(await invoke(url, { hello: 'runtime' })).toEqual({
      event: { hello: 'runtime' },
      functionName: scope.fn('runtime'),
      memory: '256',
      stage: 'test',
    });
    process.stdout.write(`manager cold ensure with the real runtime image: ${coldMs} ms\n`);
  });
});
