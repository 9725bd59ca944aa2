import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { Agent, request } from 'undici';
import { LABELS } from '@app/contracts';
import { testDocker } from '../support/docker';
import {
  APP_IMAGES,
  buildAppImages,
  CommandResult,
  compose,
  runCommand,
  TEST_COMPOSE_ENV,
} from './packaging-support';

const FILES = ['docker-compose.yml', 'docker-compose.test.yml'];
const insecure = new Agent({ connect: { rejectUnauthorized: false } });

/**
 * A function that reports what it sees (its request id, endpoints, whether S3/DynamoDB answer) and
 * writes two events through the AWS SDK's CloudWatch Logs client (endpoint, region and credentials
 * from the standard variables the Manager sets). On /pkgtest/reach it tries what a hostile function
 * would: the Manager API, VictoriaLogs, and the container named in `?peer=` (another function).
 */
const HANDLER = `
const logs = require('@aws-sdk/client-cloudwatch-logs');
const probe = (url) => fetch(url, { method: 'POST' }).then((r) => r.status, (e) => String(e));
const reach = (url, init = {}) =>
  fetch(url, { ...init, signal: AbortSignal.timeout(3000) }).then(
    (r) => r.status,
    (e) => (e.cause && e.cause.code) || e.name,
  );
async function reachAll(peer) {
  const invoke = '/2015-03-31/functions/function/invocations';
  return {
    gateway: await reach('https://gateway:8443/health/live'),
    manager: await reach('http://manager:8081/health/live'),
    managerApi: await reach('http://manager-api:8081/health/live'),
    victorialogs: await reach('http://victorialogs:9428/health'),
    peer: peer ? await reach('http://' + peer + ':8080' + invoke, { method: 'POST', body: '{}' }) : null,
  };
}
const exists = (error) => { if (error.name !== 'ResourceAlreadyExistsException') throw error; };
async function putEvents(requestId) {
  const client = new logs.CloudWatchLogsClient({});
  const names = { logGroupName: '/aws/lambda/pkgtest', logStreamName: requestId };
  await client.send(new logs.CreateLogGroupCommand({ logGroupName: names.logGroupName })).catch(exists);
  await client.send(new logs.CreateLogStreamCommand(names)).catch(exists);
  const line = (level, text) => ({
    timestamp: Date.now(),
    message: new Date().toISOString() + '\\t' + requestId + '\\t' + level + '\\t' + text,
  });
  await client.send(new logs.PutLogEventsCommand({
    ...names,
    logEvents: [line('ERROR', 'cloudwatch error event'), line('WARN', 'cloudwatch warn event')],
  }));
}
exports.handler = async (event, context) => {
  console.log('pkgtest handler ran');
  if (event.path.endsWith('/cloudwatch')) await putEvents(context.awsRequestId);
  if (event.path.endsWith('/reach')) {
    const peer = (event.queryStringParameters || {}).peer;
    return { statusCode: 200, body: JSON.stringify(await reachAll(peer)) };
  }
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

/** Polls until `probe` returns a value; its last error is reported if it never does. */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
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

export interface ComposeStackOptions {
  /**
   * Fills the (empty) config directory with functions.yml and routing.yml, making sure their images
   * exist. Without it the stack builds its own function image and serves `echo` and `traced`.
   */
  writeConfig?: (configDir: string) => Promise<void>;
  /** Variables on top of the test ones (e.g. `LOG_LEVEL`, `CONTAINER_CACHE_TTL`). */
  env?: Record<string, string>;
}

/**
 * The standard Compose stack with the test override (stand-ins), under its own project, Lambda
 * network and Manager instance. By default with two functions on one image: `echo` (/pkgtest/...)
 * and `traced` (/traced/..., called once per test so its request is a cold start through the
 * Manager); `options.writeConfig` serves another app instead.
 */
export class ComposeStack {
  readonly id: string;
  readonly functionImage: string;
  readonly env: Record<string, string>;
  private readonly docker = testDocker();
  private readonly configDir = mkdtempSync(join(tmpdir(), 'pkgtest-config-'));
  private gatewayUrl = '';
  private started = false;

  constructor(
    name: string,
    private readonly options: ComposeStackOptions = {},
  ) {
    this.id = `pkgtest${name}${process.pid}`;
    this.functionImage = `pkgtest-fn-${name}:${process.pid}`;
    this.env = { ...TEST_COMPOSE_ENV, ...APP_IMAGES, ...options.env };
  }

  /** Builds what is missing, starts the stack and waits until Gateway and Manager are healthy. */
  async up(): Promise<void> {
    await buildAppImages(true);
    if (this.options.writeConfig) {
      await this.options.writeConfig(this.configDir);
    } else {
      await this.buildFunctionImage();
      this.writeConfig();
    }
    chmodSync(this.configDir, 0o755);
    const socketGroup = await runCommand('stat', ['-c', '%g', '/var/run/docker.sock']);
    Object.assign(this.env, {
      DOCKER_GID: socketGroup.stdout.trim(),
      CONFIG_DIR: this.configDir,
      LAMBDA_NETWORK: `${this.id}-lambda`,
      MANAGER_INSTANCE: this.id,
      GATEWAY_PUBLISHED_PORT: '',
      S3_PUBLISHED_PORT: '',
      DYNAMODB_PUBLISHED_PORT: '',
      LOGS_PUBLISHED_PORT: '',
    });
    this.started = true;
    const up = await this.compose(['up', '-d', '--no-build']);
    if (up.code !== 0) throw new Error(`docker-compose up failed:\n${up.stderr}`);
    this.gatewayUrl = `https://127.0.0.1:${await this.portOf('gateway', 8443)}`;
    for (const service of ['gateway', 'manager']) await this.waitHealthy(service);
  }

  /** Waits until Docker reports the service's container healthy; fails if it stops. */
  async waitHealthy(service: string): Promise<void> {
    const container = await this.containerOf(service);
    try {
      await eventually(async () => {
        const state = (await container.inspect()).State;
        if (!state.Running) throw new Error(`${service} stopped: exit ${state.ExitCode}`);
        return state.Health?.Status === 'healthy' ? true : undefined;
      }, `${service} healthy`);
    } catch (error) {
      const tail = (await this.logs(service)).split('\n').slice(-30).join('\n');
      throw new Error(
        `${(error as Error).message}\n--- ${service} log (last 30 lines) ---\n${tail}`,
      );
    }
  }

  /** `docker logs` of the service's container: its stdout, then its stderr. */
  async logs(service: string): Promise<string> {
    const container = await this.containerOf(service);
    const result = await runCommand('docker', ['logs', container.id]);
    return result.stdout + result.stderr;
  }

  /** `docker exec` in the service's container; never throws on a non-zero exit. */
  async exec(service: string, command: string[]): Promise<CommandResult> {
    const container = await this.containerOf(service);
    return runCommand('docker', ['exec', container.id, ...command]);
  }

  /**
   * Removes the Lambda containers the Manager started, the stack with its volumes, the function
   * image it built and the config directory (the directory also when a step before fails).
   */
  async down(): Promise<void> {
    try {
      const lambdas = await this.docker.listContainers({
        all: true,
        filters: { label: [`${LABELS.managed}=true`, `onpre-lambda.instance=${this.id}`] },
      });
      await Promise.all(
        lambdas.map((entry) => this.docker.getContainer(entry.Id).remove({ force: true })),
      );
      if (this.started) await this.compose(['down', '-v', '--remove-orphans', '-t', '3']);
      if (!this.options.writeConfig)
        await this.docker
          .getImage(this.functionImage)
          .remove({ force: true })
          .catch(() => undefined);
    } finally {
      rmSync(this.configDir, { recursive: true, force: true });
    }
  }

  async containerOf(service: string): Promise<Docker.Container> {
    const result = await this.compose(['ps', '-q', service]);
    return this.docker.getContainer(result.stdout.trim());
  }

  async portOf(service: string, port: number): Promise<number> {
    const result = await this.compose(['port', service, String(port)]);
    return Number(result.stdout.trim().split(':').pop());
  }

  /** HTTPS to the Gateway (its certificate is self-signed). */
  call(path: string, options: Parameters<typeof request>[1] = {}) {
    return request(`${this.gatewayUrl}${path}`, { dispatcher: insecure, ...options });
  }

  async login(): Promise<string> {
    const response = await this.call('/user/auth/ver1.0', {
      method: 'POST',
      headers: { 'x-api-key': this.env.X_API_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({
        AuthParameters: { USERNAME: this.env.AUTH_USER, PASSWORD: this.env.AUTH_PASS },
      }),
    });
    if (response.statusCode !== 200) throw new Error(`login: HTTP ${response.statusCode}`);
    return ((await response.body.json()) as { AuthenticationResult: { IdToken: string } })
      .AuthenticationResult.IdToken;
  }

  private compose(args: string[]) {
    return compose(FILES, ['-p', this.id, ...args], this.env);
  }

  private writeConfig(): void {
    // No TLS override: functions verify the Gateway's certificate (FUNCTION_CA_FILE in Compose).
    const functions = ['echo', 'traced'].map(
      (name) => `  ${name}:\n    image: ${this.functionImage}\n    timeout: 10\n`,
    );
    writeFileSync(join(this.configDir, 'functions.yml'), `functions:\n${functions.join('')}`);
    writeFileSync(
      join(this.configDir, 'routing.yml'),
      'routes:\n  - path: /pkgtest/{proxy+}\n    method: ANY\n    function: echo\n' +
        '  - path: /traced/{proxy+}\n    method: ANY\n    function: traced\n',
    );
  }

  /** The function image, with the CloudWatch Logs client staged from the lockfile like the apps'. */
  private async buildFunctionImage(): Promise<void> {
    const context = mkdtempSync(join(tmpdir(), 'pkgtest-fn-'));
    try {
      await runCommand('node', [
        'scripts/images-apps.mjs',
        context,
        '@aws-sdk/client-cloudwatch-logs',
      ]);
      writeFileSync(join(context, 'index.js'), HANDLER);
      writeFileSync(
        join(context, 'Dockerfile'),
        'FROM onpre-lambda/runtime-nodejs:20\nCOPY node_modules /var/task/node_modules\nCOPY index.js /var/task/\nCMD ["index.handler"]\n',
      );
      const built = await runCommand('docker', ['build', '-q', '-t', this.functionImage, context], {
        DOCKER_BUILDKIT: '0',
      });
      if (built.code !== 0) throw new Error(`function image: ${built.stderr}`);
    } finally {
      rmSync(context, { recursive: true, force: true });
    }
  }
}
