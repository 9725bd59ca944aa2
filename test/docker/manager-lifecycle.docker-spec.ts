import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { testDocker } from '../support/docker';
import {
  buildEchoImage,
  ECHO_IMAGE,
  ensure,
  eventually,
  invoke,
  ManagerTestScope,
} from './manager-support';

/** The Manager against the real engine: cold/warm ensure, single-flight, replacement, isolation. */
describe('Manager lifecycle (real Docker)', () => {
  const docker = testDocker();
  const scope = new ManagerTestScope(docker);
  let app: NestFastifyApplication;

  beforeAll(async () => {
    await buildEchoImage(docker);
    scope.writeFunctions({
      echo: { memorySize: 192, timeout: 7, environment: { GREETING: 'hi' } },
      burst: {},
      replace: { environment: { VERSION: 'one' } },
      keep: {},
      missing: { image: 'onpre-lambda/mgrtest-no-such-image:latest' },
      squat: {},
    });
    app = await scope.startManager();
  });

  afterAll(async () => {
    await scope.cleanUp();
  });

  it('starts a container cold and returns a working address; the next ensure is warm', async () => {
    const coldStarted = Date.now();
    const cold = await ensure(app, scope.fn('echo'));
    const coldMs = Date.now() - coldStarted;
    expect(cold.statusCode).toBe(200);
    const body = cold.json();
    expect(body).toMatchObject({
      started: 1,
      timeoutSeconds: 7,
      containers: [{ name: `lambda-${scope.fn('echo')}-1` }],
    });
    expect(body.containers[0].url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const answer = await invoke(body.containers[0].url, { ping: 1 });
    expect(answer.event).toEqual({ ping: 1 });
    expect(answer.env).toMatchObject({
      AWS_LAMBDA_FUNCTION_NAME: scope.fn('echo'),
      AWS_LAMBDA_FUNCTION_TIMEOUT: '7',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '192',
      GREETING: 'hi',
      AWS_ENDPOINT_URL_S3: expect.stringMatching(/^https?:\/\//),
      AWS_ENDPOINT_URL_DYNAMODB: expect.stringMatching(/^https?:\/\//),
      AWS_REGION: expect.any(String),
    });

    const warmStarted = Date.now();
    const warm = await ensure(app, scope.fn('echo'));
    const warmMs = Date.now() - warmStarted;
    expect(warm.json()).toMatchObject({ started: 0, containers: body.containers });
    process.stdout.write(`manager ensure: cold ${coldMs} ms, warm ${warmMs} ms\n`);
  });

  it('runs containers without privileges, with limits, labels and host-gateway', async () => {
    const [info] = await scope.containers(scope.fn('echo'));
    const inspected = await docker.getContainer(info.Id).inspect();
    expect(inspected.HostConfig).toMatchObject({
      Privileged: false,
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      Memory: 192 * 1024 * 1024,
      PidsLimit: expect.any(Number),
      NetworkMode: scope.network,
    });
    expect(inspected.HostConfig.ExtraHosts).toContain('host.docker.internal:host-gateway');
    expect(inspected.Config.Labels).toMatchObject({
      'onpre-lambda.managed': 'true',
      'onpre-lambda.function': scope.fn('echo'),
      'onpre-lambda.config-hash': expect.stringMatching(/^[0-9a-f]{16}$/),
      'onpre-lambda.created-at': expect.any(String),
    });
    const network = await docker.getNetwork(scope.network).inspect();
    expect(network.Internal).toBe(false);
  });

  it('starts exactly one container for 20 concurrent cold ensures', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => ensure(app, scope.fn('burst'))),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(200));
    expect(await scope.containers(scope.fn('burst'))).toHaveLength(1);
    expect(new Set(answers.map((a) => a.json().containers[0].id)).size).toBe(1);
  });

  it('grows the pool on scale and answers the whole pool', async () => {
    const scaled = await ensure(app, scope.fn('burst'), 'scale');
    expect(scaled.json()).toMatchObject({ started: 1 });
    expect(scaled.json().containers).toHaveLength(2);
    const urls: string[] = scaled.json().containers.map((c: { url: string }) => c.url);
    const answers = await Promise.all(urls.map((url, i) => invoke(url, { i })));
    expect(answers.map((a) => a.event)).toEqual([{ i: 0 }, { i: 1 }]);
  });

  it('detects a container killed out of band and replaces it on the next ensure', async () => {
    const before = (await ensure(app, scope.fn('echo'))).json().containers[0];
    await docker.getContainer(before.id).kill();
    const after = await ensure(app, scope.fn('echo'));
    expect(after.json().started).toBe(1);
    const replacement = after.json().containers[0];
    expect((await invoke(replacement.url, { again: true })).event).toEqual({ again: true });
  });

  it('refuses calls without the token (401) and invalid bodies (400 with field messages)', async () => {
    const anonymous = await app.inject({
      method: 'POST',
      url: '/functions/ensure',
      payload: { function: scope.fn('echo') },
    });
    expect(anonymous.statusCode).toBe(401);
    const invalid = await ensure(app, 'not a name!');
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().message).toEqual(['function must match [A-Za-z0-9_-]{1,64}']);
  });

  it('skips a slot whose name a container it does not own holds, and leaves that container alone', async () => {
    const squatter = await docker.createContainer({
      name: `lambda-${scope.fn('squat')}-1`,
      Image: ECHO_IMAGE,
    });
    const response = await ensure(app, scope.fn('squat'));
    expect(response.statusCode).toBe(200);
    expect(response.json().containers[0].name).toBe(`lambda-${scope.fn('squat')}-2`);
    expect((await squatter.inspect()).State.Status).toBe('created');
  });

  it('answers 404 naming a missing image', async () => {
    const response = await ensure(app, scope.fn('missing'));
    expect(response.statusCode).toBe(404);
    expect(response.json().message).toContain('onpre-lambda/mgrtest-no-such-image:latest');
    expect(await scope.containers(scope.fn('missing'))).toHaveLength(0);
  });

  it('on a config change replaces the changed function and keeps the unchanged one warm', async () => {
    const replaceBefore = (await ensure(app, scope.fn('replace'))).json().containers[0];
    const keepBefore = (await ensure(app, scope.fn('keep'))).json().containers[0];
    scope.writeFunctions({
      echo: { memorySize: 192, timeout: 7, environment: { GREETING: 'hi' } },
      burst: {},
      replace: { environment: { VERSION: 'two' } },
      keep: {},
    });
    await eventually('the reload removed the stale container', async () => {
      const ids = (await scope.containers(scope.fn('replace'))).map((c) => c.Id);
      return !ids.includes(replaceBefore.id);
    });
    const replaced = (await ensure(app, scope.fn('replace'))).json();
    expect(replaced.started).toBe(1);
    expect((await invoke(replaced.containers[0].url, {})).env.VERSION).toBe('two');
    const kept = (await ensure(app, scope.fn('keep'))).json();
    expect(kept).toMatchObject({ started: 0, containers: [keepBefore] });
    writeFileSync(scope.functionsFile, 'functions: [broken');
    process.emit('SIGHUP');
    expect((await ensure(app, scope.fn('keep'))).json()).toMatchObject({ started: 0 });
  });
});
