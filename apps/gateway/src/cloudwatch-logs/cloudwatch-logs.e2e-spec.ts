import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { createFastifyAdapter, validateEnvironment } from '@app/platform';
import { GATEWAY_ENV_SCHEMA } from '../config/gateway-env';
import { CoreModule } from '../core/core.module';
import { InvocationTraces } from '../core/invocation-traces';
import { CloudWatchLogsModule } from './cloudwatch-logs.module';
import type { LogEventLine } from './cloudwatch-logs-operations';
import { sigV4Headers } from '../../test/support/sigv4-headers';
import { LOG_EVENT_WRITER, LogEventWriter } from './log-event-writer';

class CollectingWriter implements LogEventWriter {
  readonly lines: LogEventLine[] = [];
  write(line: LogEventLine): void {
    this.lines.push(line);
  }
}

const env = validateEnvironment(GATEWAY_ENV_SCHEMA, { NODE_ENV: 'test' });
const REQUEST_ID = '8f5a6b1c-1234-4abc-9def-0123456789ab';

describe('CloudWatch Logs shim (in process, real AWS SDK client)', () => {
  const writer = new CollectingWriter();
  let traces: InvocationTraces;
  let app: NestFastifyApplication;
  let endpoint: string;

  const client = (secretAccessKey = env.FUNCTION_AWS_SECRET_ACCESS_KEY) =>
    new CloudWatchLogsClient({
      endpoint,
      region: 'ap-northeast-1',
      credentials: { accessKeyId: env.FUNCTION_AWS_ACCESS_KEY_ID, secretAccessKey },
      maxAttempts: 1,
    });

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [CoreModule.register(env), CloudWatchLogsModule],
    })
      .overrideProvider(LOG_EVENT_WRITER)
      .useValue(writer)
      .compile();
    traces = moduleRef.get(InvocationTraces);
    app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter());
    await app.listen(0, '127.0.0.1');
    endpoint = `${await app.getUrl()}/cloudwatch-logs`.replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('creates, writes and describes with the SDK; events become lines with parsed levels', async () => {
    const logs = client();
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/aws/lambda/pkgtest' }));
    await logs.send(
      new CreateLogStreamCommand({ logGroupName: '/aws/lambda/pkgtest', logStreamName: 'main' }),
    );
    const put = await logs.send(
      new PutLogEventsCommand({
        logGroupName: '/aws/lambda/pkgtest',
        logStreamName: 'main',
        logEvents: [
          { timestamp: Date.UTC(2026, 10, 28, 10), message: '[ERROR] it broke' },
          {
            timestamp: Date.UTC(2026, 10, 28, 10, 0, 1),
            message: `2026-11-28T10:00:01.000Z\t${REQUEST_ID}\tWARN\tslow call`,
          },
          { timestamp: Date.UTC(2026, 10, 28, 10, 0, 2), message: 'hello' },
        ],
      }),
    );
    expect(put.$metadata.httpStatusCode).toBe(200);
    expect(
      writer.lines.map(({ level, message, request_id }) => ({ level, message, request_id })),
    ).toEqual([
      { level: 'error', message: 'it broke', request_id: undefined },
      { level: 'warn', message: 'slow call', request_id: REQUEST_ID },
      { level: 'info', message: 'hello', request_id: undefined },
    ]);
    expect(writer.lines[0]).toMatchObject({
      time: '2026-11-28T10:00:00.000Z',
      log_group: '/aws/lambda/pkgtest',
      log_stream: 'main',
      service: 'cloudwatch-logs',
    });
    const groups = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/' }));
    expect(groups.logGroups?.map((group) => group.logGroupName)).toEqual(['/aws/lambda/pkgtest']);
    const streams = await logs.send(
      new DescribeLogStreamsCommand({ logGroupName: '/aws/lambda/pkgtest' }),
    );
    expect(streams.logStreams?.[0]).toMatchObject({
      logStreamName: 'main',
      firstEventTimestamp: Date.UTC(2026, 10, 28, 10),
      lastEventTimestamp: Date.UTC(2026, 10, 28, 10, 0, 2),
    });
  });

  it('ties events to the invocation whose trace header the SDK sends back (as inside a function)', async () => {
    const invocation = { functionName: 'hello', containerName: 'lambda-hello-3', requestId: 'r-9' };
    const put = (message: string) =>
      client().send(
        new PutLogEventsCommand({
          logGroupName: '/aws/lambda/pkgtest',
          logStreamName: 'main',
          logEvents: [{ timestamp: Date.now(), message }],
        }),
      );
    const saved = { ...process.env };
    try {
      // What the runtime sets in a function: the SDK then sends X-Amzn-Trace-Id on every call.
      process.env.AWS_LAMBDA_FUNCTION_NAME = 'hello';
      process.env._X_AMZN_TRACE_ID = traces.begin(invocation);
      await put('[WARN] traced');
      process.env._X_AMZN_TRACE_ID = `Root=1-00000000-${'0'.repeat(24)};Sampled=0`;
      await put('[WARN] unknown trace');
    } finally {
      process.env = saved;
    }
    await put('[WARN] no trace');
    const lines = writer.lines
      .slice(-3)
      .map(({ message, function: fn, container_name, request_id }) => ({
        message,
        fn,
        container_name,
        request_id,
      }));
    expect(lines).toEqual([
      { message: 'traced', fn: 'hello', container_name: 'lambda-hello-3', request_id: 'r-9' },
      { message: 'unknown trace', fn: undefined, container_name: undefined, request_id: undefined },
      { message: 'no trace', fn: undefined, container_name: undefined, request_id: undefined },
    ]);
  });

  it('answers AWS error types the SDK maps to named exceptions', async () => {
    await expect(
      client().send(new CreateLogGroupCommand({ logGroupName: '/aws/lambda/pkgtest' })),
    ).rejects.toMatchObject({ name: 'ResourceAlreadyExistsException' });
    await expect(
      client().send(new DescribeLogStreamsCommand({ logGroupName: '/never/created' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('refuses a wrong SigV4 signature and unauthenticated calls', async () => {
    await expect(
      client('wrong-secret').send(new DescribeLogGroupsCommand({})),
    ).rejects.toMatchObject({
      name: 'InvalidSignatureException',
      $metadata: { httpStatusCode: 403 },
    });
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'Logs_20140328.DescribeLogGroups',
      },
      body: '{}',
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
  });

  it('refuses the login API key: a write into a log group needs the function credentials', async () => {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'Logs_20140328.CreateLogGroup',
        'x-api-key': env.X_API_KEY,
      },
      body: '{"logGroupName":"/aws/lambda/other-team"}',
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    const described = await client().send(new DescribeLogGroupsCommand({}));
    expect(described.logGroups?.map((group) => group.logGroupName)).not.toContain(
      '/aws/lambda/other-team',
    );
  });

  it('answers raw SigV4-signed calls, with or without the trailing slash, and rejects bad JSON', async () => {
    const call = async (path: string, body: string) => {
      const url = new URL(`${endpoint}${path}`);
      const headers = {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'Logs_20140328.DescribeLogGroups',
      };
      const signed = await sigV4Headers({
        method: 'POST',
        path: url.pathname,
        host: url.host,
        body,
        service: 'logs',
        headers,
        credentials: {
          accessKeyId: env.FUNCTION_AWS_ACCESS_KEY_ID,
          secretAccessKey: env.FUNCTION_AWS_SECRET_ACCESS_KEY,
        },
      });
      return fetch(url, { method: 'POST', headers: { ...headers, ...signed }, body });
    };
    for (const path of ['', '/']) {
      const response = await call(path, '{}');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('application/x-amz-json-1.1');
      expect(await response.json()).toEqual({
        logGroups: [expect.objectContaining({ logGroupName: '/aws/lambda/pkgtest' })],
      });
    }
    const bad = await call('', '{oops');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      __type: 'SerializationException',
      message: 'The request body is not valid JSON',
    });
  });
});
