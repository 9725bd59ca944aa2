import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  CreateBucketCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Agent, request } from 'undici';
import { buildImage, testDocker } from '../support/docker';
import {
  APP_IMAGES,
  buildAppImages,
  compose,
  IMAGE_TAG,
  runCommand,
  TEST_COMPOSE_ENV,
} from './packaging-support';

const PROJECT = `pkgtestdind${process.pid}`;
const PARENT = `pkgtest-dind-${process.pid}`;
const FUNCTION_IMAGE = `pkgtest-fn-dind:${process.pid}`;
const FILES = ['docker-compose.dind.yml', 'docker/dind/docker-compose.caps.yml'];
const insecure = new Agent({ connect: { rejectUnauthorized: false } });
const { DOCKER_GID: _hostOnly, ...SECRETS } = TEST_COMPOSE_ENV;
const credentials = {
  accessKeyId: SECRETS.FUNCTION_AWS_ACCESS_KEY_ID,
  secretAccessKey: SECRETS.FUNCTION_AWS_SECRET_ACCESS_KEY,
};

const HANDLER = `exports.handler = async (event, context) => {
  console.log('dind function ran');
  return { statusCode: 200, body: JSON.stringify({ path: event.path, requestId: context.awsRequestId }) };
};`;

async function run(file: string, args: string[], env: Record<string, string> = {}) {
  const result = await runCommand(file, args, env);
  if (result.code !== 0)
    throw new Error(`${file} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

describe('DinD parent (docker-compose.dind.yml with the capability override, real engine)', () => {
  const docker = testDocker();
  const work = mkdtempSync(join(tmpdir(), 'pkgtest-dind-'));
  const env: Record<string, string> = {
    ...SECRETS,
    ...APP_IMAGES,
    DIND_IMAGE: `onpre-lambda/dind:${IMAGE_TAG}`,
    DIND_CONTAINER_NAME: PARENT,
    CONFIG_DIR: join(work, 'config'),
    IMAGES_DIR: join(work, 'images'),
    ONPRE_COMPOSE_FILES: 'docker-compose.yml:docker-compose.test.yml',
    MANAGER_INSTANCE: PROJECT,
    GATEWAY_PUBLISHED_PORT: '',
    S3_PUBLISHED_PORT: '',
    DYNAMODB_PUBLISHED_PORT: '',
    LOGS_PUBLISHED_PORT: '',
  };
  const ports: Record<number, number> = {};
  let started = false;

  const parent = () => docker.getContainer(PARENT);
  const waitHealthy = async () => {
    for (let attempt = 0; attempt < 160; attempt += 1) {
      const state = (await parent().inspect()).State;
      if (!state.Running) throw new Error(`parent stopped (exit ${state.ExitCode})`);
      if (state.Health?.Status === 'healthy') return;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    throw new Error('parent never became healthy');
  };
  const readPorts = async () => {
    const published = (await parent().inspect()).NetworkSettings.Ports;
    for (const port of [443, 9000, 8001])
      ports[port] = Number(published[`${port}/tcp`]?.[0]?.HostPort);
  };
  const s3 = () =>
    new S3Client({
      endpoint: `http://127.0.0.1:${ports[9000]}`,
      region: 'ap-northeast-1',
      credentials,
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  const dynamodb = () =>
    new DynamoDBClient({
      endpoint: `http://127.0.0.1:${ports[8001]}`,
      region: 'ap-northeast-1',
      credentials,
    });
  const routedRequest = async (requestId: string) => {
    const gateway = `https://127.0.0.1:${ports[443]}`;
    const login = await request(`${gateway}/user/auth/ver1.0`, {
      dispatcher: insecure,
      method: 'POST',
      headers: { 'x-api-key': SECRETS.X_API_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({
        AuthParameters: { USERNAME: SECRETS.AUTH_USER, PASSWORD: SECRETS.AUTH_PASS },
      }),
    });
    const { AuthenticationResult } = (await login.body.json()) as {
      AuthenticationResult: { IdToken: string };
    };
    const response = await request(`${gateway}/pkgtest/dind`, {
      dispatcher: insecure,
      headers: {
        authorization: `Bearer ${AuthenticationResult.IdToken}`,
        'x-request-id': requestId,
      },
    });
    return {
      status: response.statusCode,
      body: (await response.body.json()) as Record<string, unknown>,
    };
  };

  beforeAll(async () => {
    // Offline Debian base with dockerd and docker-compose (debootstrap, about two minutes, once).
    await run('bash', ['docker/dind/build-base.sh']);
  });

  beforeAll(async () => {
    await buildAppImages(true);
    await run('bash', ['scripts/images-apps.sh', 'dind'], { TAG: IMAGE_TAG });
    await buildImage(docker, FUNCTION_IMAGE, {
      Dockerfile:
        'FROM onpre-lambda/runtime-nodejs:20\nCOPY index.js /var/task/\nCMD ["index.handler"]\n',
      'index.js': HANDLER,
    });
    mkdirSync(env.CONFIG_DIR);
    mkdirSync(env.IMAGES_DIR);
    writeFileSync(
      join(env.CONFIG_DIR, 'functions.yml'),
      `functions:\n  echo:\n    image: ${FUNCTION_IMAGE}\n`,
    );
    writeFileSync(
      join(env.CONFIG_DIR, 'routing.yml'),
      'routes:\n  - path: /pkgtest/{proxy+}\n    method: ANY\n    function: echo\n',
    );
    await run('docker', ['save', '-o', join(env.IMAGES_DIR, 'functions.tar'), FUNCTION_IMAGE]);
    for (const dir of [work, env.CONFIG_DIR, env.IMAGES_DIR]) chmodSync(dir, 0o755);
  });

  beforeAll(async () => {
    const up = await compose(FILES, ['-p', PROJECT, 'up', '-d', '--no-build'], env);
    started = true;
    if (up.code !== 0) throw new Error(`docker-compose up failed:\n${up.stderr}`);
    await waitHealthy();
    await readPorts();
  });

  afterAll(async () => {
    if (started)
      await compose(FILES, ['-p', PROJECT, 'down', '-v', '--remove-orphans', '-t', '20'], env);
    await docker
      .getImage(FUNCTION_IMAGE)
      .remove({ force: true })
      .catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  });

  it('serves an authenticated routed request from a function run by the inner engine', async () => {
    const { status, body } = await routedRequest(`${PROJECT}-first`);
    expect(status).toBe(200);
    expect(body).toEqual({ path: '/pkgtest/dind', requestId: `${PROJECT}-first` });
    const outer = await docker.listContainers({ filters: { ancestor: [FUNCTION_IMAGE] } });
    expect(outer).toEqual([]);
    const inner = await run('docker', ['exec', PARENT, 'docker', 'ps', '--format', '{{.Names}}']);
    expect(inner.split('\n')).toEqual(
      expect.arrayContaining(['lambda-echo-1', 'onpre_gateway_1', 'onpre_manager_1']),
    );
  });

  it('keeps S3 objects and DynamoDB items across a stop and start of the parent', async () => {
    await s3().send(new CreateBucketCommand({ Bucket: 'pkgtest-bucket' }));
    await s3().send(
      new PutObjectCommand({ Bucket: 'pkgtest-bucket', Key: 'kept.txt', Body: 'still here' }),
    );
    await dynamodb().send(
      new CreateTableCommand({
        TableName: 'pkgtest-table',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await dynamodb().send(
      new PutItemCommand({
        TableName: 'pkgtest-table',
        Item: { id: { S: 'kept' }, value: { S: 'still here' } },
      }),
    );

    await run('docker', ['stop', '-t', '60', PARENT]);
    await run('docker', ['start', PARENT]);
    await waitHealthy();
    await readPorts();

    const object = await s3().send(
      new GetObjectCommand({ Bucket: 'pkgtest-bucket', Key: 'kept.txt' }),
    );
    expect(await object.Body?.transformToString()).toBe('still here');
    const item = await dynamodb().send(
      new GetItemCommand({ TableName: 'pkgtest-table', Key: { id: { S: 'kept' } } }),
    );
    expect(item.Item).toEqual({ id: { S: 'kept' }, value: { S: 'still here' } });
    expect((await routedRequest(`${PROJECT}-after-restart`)).status).toBe(200);
  });
});
