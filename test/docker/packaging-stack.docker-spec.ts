import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { LABELS } from '@app/contracts/labels';
import { buildImage, testDocker } from '../support/docker';
import { buildAppImages, compose, runCommand, TEST_COMPOSE_ENV } from './packaging-support';

const ID = `pkgtest${process.pid}`;
const FUNCTION_IMAGE = `pkgtest-fn-echo:${process.pid}`;
const FILES = ['docker-compose.yml', 'docker-compose.test.yml'];
const insecure = new Agent({ connect: { rejectUnauthorized: false } });

/** A function that reports what it sees: its request id, endpoints, and whether S3/DynamoDB answer. */
const HANDLER = `
const probe = (url) => fetch(url, { method: 'POST' }).then((r) => r.status, (e) => String(e));
exports.handler = async (event, context) => {
  console.log(JSON.stringify({ level: 'info', message: 'pkgtest handler ran', path: event.path }));
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      path: event.path,
      requestId: context.awsRequestId,
      s3: process.env.AWS_ENDPOINT_URL_S3,
      dynamodb: process.env.AWS_ENDPOINT_URL_DYNAMODB,
      s3Status: await probe(process.env.AWS_ENDPOINT_URL_S3),
      dynamodbStatus: await probe(process.env.AWS_ENDPOINT_URL_DYNAMODB),
    }),
  };
};`;

async function eventually<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  let last: unknown;
  for (let attempt = 0; attempt < 600; attempt += 1) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`never happened: ${what} (${String(last)})`);
}

describe('Compose stack (docker-compose.yml + test override, real engine)', () => {
  const docker = testDocker();
  const configDir = mkdtempSync(join(tmpdir(), 'pkgtest-config-'));
  let env: Record<string, string>;
  let gatewayUrl: string;

  const containerOf = async (service: string) => {
    const result = await compose(FILES, ['-p', ID, 'ps', '-q', service], env);
    return docker.getContainer(result.stdout.trim());
  };
  const portOf = async (service: string, port: number) => {
    const result = await compose(FILES, ['-p', ID, 'port', service, String(port)], env);
    return Number(result.stdout.trim().split(':').pop());
  };
  const call = (path: string, options: Parameters<typeof request>[1] = {}) =>
    request(`${gatewayUrl}${path}`, { dispatcher: insecure, ...options });

  beforeAll(async () => {
    await buildAppImages(true);
    await buildImage(docker, FUNCTION_IMAGE, {
      Dockerfile:
        'FROM onpre-lambda/runtime-nodejs:20\nCOPY index.js /var/task/\nCMD ["index.handler"]\n',
      'index.js': HANDLER,
    });
    writeFileSync(
      join(configDir, 'functions.yml'),
      `functions:\n  echo:\n    image: ${FUNCTION_IMAGE}\n    timeout: 10\n`,
    );
    writeFileSync(
      join(configDir, 'routing.yml'),
      'routes:\n  - path: /pkgtest/{proxy+}\n    method: ANY\n    function: echo\n',
    );
    chmodSync(configDir, 0o755);
    const socketGroup = await runCommand('stat', ['-c', '%g', '/var/run/docker.sock']);
    env = {
      ...TEST_COMPOSE_ENV,
      DOCKER_GID: socketGroup.stdout.trim(),
      CONFIG_DIR: configDir,
      LAMBDA_NETWORK: `${ID}-lambda`,
      MANAGER_INSTANCE: ID,
      GATEWAY_PUBLISHED_PORT: '',
      S3_PUBLISHED_PORT: '',
      DYNAMODB_PUBLISHED_PORT: '',
      LOGS_PUBLISHED_PORT: '',
    };
    const up = await compose(FILES, ['-p', ID, 'up', '-d', '--no-build'], env);
    if (up.code !== 0) throw new Error(`docker-compose up failed:\n${up.stderr}`);
    gatewayUrl = `https://127.0.0.1:${await portOf('gateway', 8443)}`;
  });

  afterAll(async () => {
    const lambdas = await docker.listContainers({
      all: true,
      filters: { label: [`${LABELS.managed}=true`, `onpre-lambda.instance=${ID}`] },
    });
    await Promise.all(
      lambdas.map((entry) => docker.getContainer(entry.Id).remove({ force: true })),
    );
    if (env) await compose(FILES, ['-p', ID, 'down', '-v', '--remove-orphans', '-t', '3'], env);
    await docker
      .getImage(FUNCTION_IMAGE)
      .remove({ force: true })
      .catch(() => undefined);
    rmSync(configDir, { recursive: true, force: true });
  });

  it('every service comes up; Gateway and Manager pass their health checks', async () => {
    for (const service of ['gateway', 'manager']) {
      const container = await containerOf(service);
      const health = await eventually(async () => {
        const state = (await container.inspect()).State;
        if (!state.Running) throw new Error(`${service} stopped: exit ${state.ExitCode}`);
        return state.Health?.Status === 'healthy' ? state.Health.Status : undefined;
      }, `${service} healthy`);
      expect(health).toBe('healthy');
    }
    for (const service of ['s3', 'dynamodb', 'victorialogs']) {
      expect((await (await containerOf(service)).inspect()).State.Running).toBe(true);
    }
  });

  it('the Manager publishes no port and only joins the internal Lambda network', async () => {
    const info = await (await containerOf('manager')).inspect();
    expect(
      Object.values(info.NetworkSettings.Ports ?? {})
        .flat()
        .filter(Boolean),
    ).toEqual([]);
    expect(Object.keys(info.NetworkSettings.Networks)).toEqual([`${ID}-lambda`]);
    const network = await docker.getNetwork(`${ID}-lambda`).inspect();
    expect(network.Internal).toBe(true);
  });

  it('serves an authenticated routed request from a function container over HTTPS', async () => {
    const login = await call('/user/auth/ver1.0', {
      method: 'POST',
      headers: { 'x-api-key': env.X_API_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({
        AuthParameters: { USERNAME: env.AUTH_USER, PASSWORD: env.AUTH_PASS },
      }),
    });
    expect(login.statusCode).toBe(200);
    const token = ((await login.body.json()) as { AuthenticationResult: { IdToken: string } })
      .AuthenticationResult.IdToken;
    const requestId = `${ID}-trace`;
    const response = await call('/pkgtest/hello', {
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
