import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testDocker, buildImage } from '../support/docker';
import { ensure, invoke, ManagerTestScope } from './manager-support';

/** The Manager with a function image built on the project's own runtime (npm run images:base). */
describe('Manager with the real Node.js runtime image (real Docker)', () => {
  const docker = testDocker();
  const scope = new ManagerTestScope(docker);
  const image = 'onpre-lambda/mgrtest-fn-runtime:latest';

  /** The function image; `build` tells which build answered. */
  const buildFunctionImage = (build: number) =>
    buildImage(docker, image, {
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
        `  build: ${build},`,
        '  ca: process.env.NODE_EXTRA_CA_CERTS &&',
        "    require('fs').readFileSync(process.env.NODE_EXTRA_CA_CERTS, 'utf8'),",
        '});',
      ].join('\n'),
    });

  beforeAll(async () => {
    await buildFunctionImage(1);
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
    expect(await invoke(url, { hello: 'runtime' }, scope.fn('runtime'))).toEqual({
      event: { hello: 'runtime' },
      functionName: scope.fn('runtime'),
      memory: '256',
      stage: 'test',
      build: 1,
    });
    process.stdout.write(`manager cold ensure with the real runtime image: ${coldMs} ms\n`);
  });

  it('replaces the container when the image is rebuilt under the same tag', async () => {
    const app = await scope.startManager();
    const before = (await ensure(app, scope.fn('runtime'))).json().containers[0];
    expect(await invoke(before.url, {}, scope.fn('runtime'))).toMatchObject({ build: 1 });
    await buildFunctionImage(2);
    const after = await ensure(app, scope.fn('runtime'));
    const current = after.json().containers[0];
    expect(after.json().started).toBe(1);
    expect(current.id).not.toBe(before.id);
    expect(await invoke(current.url, {}, scope.fn('runtime'))).toMatchObject({ build: 2 });
    const left = await scope.containers(scope.fn('runtime'));
    expect(left.map((container) => container.Id)).toEqual([current.id]);
  });

  it('places FUNCTION_CA_FILE in new containers, trusted through NODE_EXTRA_CA_CERTS', async () => {
    const caFile = join(scope.dir, 'gateway.crt');
    writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\ntest\n-----END CERTIFICATE-----\n');
    const app = await scope.startManager({ FUNCTION_CA_FILE: caFile });
    const { containers } = (await ensure(app, scope.fn('runtime'))).json();
    expect(await invoke(containers[0].url, {}, scope.fn('runtime'))).toMatchObject({
      ca: readFileSync(caFile, 'utf8'),
    });
  });
});
