import { CloudWatchLogsError } from './cloudwatch-logs-error';
import { runOperation, withOrigin } from './cloudwatch-logs-operations';
import { LogRegistry } from './log-registry';

const T0 = Date.UTC(2026, 10, 28, 10, 0, 0);
const ID = '8f5a6b1c-1234-4abc-9def-0123456789ab';

function run(registry: LogRegistry, operation: string, body: unknown, now = T0) {
  return runOperation(`Logs_20140328.${operation}`, body, registry, now);
}

function errorTypeOf(call: () => unknown): string | undefined {
  try {
    call();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(CloudWatchLogsError);
    return (error as CloudWatchLogsError).errorType;
  }
}

describe('runOperation', () => {
  it('PutLogEvents turns each event into a line with its time, parsed level and request id', () => {
    const result = run(new LogRegistry('ap-northeast-1'), 'PutLogEvents', {
      logGroupName: '/aws/lambda/hello',
      logStreamName: '2026/11/28/[$LATEST]abc',
      logEvents: [
        { timestamp: T0 - 1000, message: '[ERROR] failed' },
        { timestamp: T0, message: `2026-11-28T10:00:00.000Z\t${ID}\tWARN\tslow` },
        { timestamp: T0, message: 'plain' },
      ],
    });
    const common = {
      service: 'cloudwatch-logs',
      log_group: '/aws/lambda/hello',
      log_stream: '2026/11/28/[$LATEST]abc',
    };
    expect(result.lines).toEqual([
      { ...common, time: '2026-11-28T09:59:59.000Z', level: 'error', message: 'failed' },
      {
        ...common,
        time: '2026-11-28T10:00:00.000Z',
        level: 'warn',
        message: 'slow',
        request_id: ID,
      },
      { ...common, time: '2026-11-28T10:00:00.000Z', level: 'info', message: 'plain' },
    ]);
    expect(result.response).toEqual({ nextSequenceToken: String(T0) });
  });

  it('describes groups and streams it has seen, with AWS field names, by prefix', () => {
    const registry = new LogRegistry('ap-northeast-1');
    run(registry, 'CreateLogGroup', { logGroupName: '/app/b' });
    run(registry, 'CreateLogStream', { logGroupName: '/app/b', logStreamName: 's1' }, T0 + 1);
    run(registry, 'PutLogEvents', {
      logGroupName: '/app/a',
      logStreamName: 's2',
      logEvents: [
        { timestamp: T0 + 5, message: 'x' },
        { timestamp: T0 + 2, message: 'y' },
      ],
    });
    expect(run(registry, 'DescribeLogGroups', {}).response.logGroups).toEqual([
      {
        logGroupName: '/app/a',
        creationTime: T0,
        arn: 'arn:aws:logs:ap-northeast-1:000000000000:log-group:/app/a:*',
        storedBytes: 54,
      },
      expect.objectContaining({ logGroupName: '/app/b', storedBytes: 0 }),
    ]);
    expect(run(registry, 'DescribeLogGroups', { logGroupNamePrefix: '/app/b' }).response).toEqual({
      logGroups: [expect.objectContaining({ logGroupName: '/app/b' })],
    });
    expect(run(registry, 'DescribeLogStreams', { logGroupName: '/app/a' }).response).toEqual({
      logStreams: [
        {
          logStreamName: 's2',
          creationTime: T0,
          arn: 'arn:aws:logs:ap-northeast-1:000000000000:log-group:/app/a:log-stream:s2',
          storedBytes: 54,
          firstEventTimestamp: T0 + 2,
          lastEventTimestamp: T0 + 5,
          lastIngestionTime: T0,
        },
      ],
    });
  });

  it.each([
    ['unknown target', 'Logs_20140328.DeleteLogGroup', {}, 'UnknownOperationException'],
    ['another service', 'Kinesis_20131202.PutRecord', {}, 'UnknownOperationException'],
    ['body not an object', 'Logs_20140328.CreateLogGroup', [1], 'SerializationException'],
    ['missing group name', 'Logs_20140328.CreateLogGroup', {}, 'InvalidParameterException'],
    [
      'bad group name',
      'Logs_20140328.CreateLogGroup',
      { logGroupName: 'a b' },
      'InvalidParameterException',
    ],
    [
      'stream name with a colon',
      'Logs_20140328.CreateLogStream',
      { logGroupName: 'g', logStreamName: 'a:b' },
      'InvalidParameterException',
    ],
    [
      'no events',
      'Logs_20140328.PutLogEvents',
      { logGroupName: 'g', logStreamName: 's', logEvents: [] },
      'InvalidParameterException',
    ],
    [
      'event without a timestamp',
      'Logs_20140328.PutLogEvents',
      { logGroupName: 'g', logStreamName: 's', logEvents: [{ message: 'x' }] },
      'InvalidParameterException',
    ],
    [
      'limit out of range',
      'Logs_20140328.DescribeLogGroups',
      { limit: 51 },
      'InvalidParameterException',
    ],
    [
      'streams of an unknown group',
      'Logs_20140328.DescribeLogStreams',
      { logGroupName: 'nope' },
      'ResourceNotFoundException',
    ],
  ])('rejects %s', (_name, target, body, errorType) => {
    expect(errorTypeOf(() => runOperation(target, body, new LogRegistry('r'), T0))).toBe(errorType);
  });

  it.each([
    [
      'a group twice',
      [['CreateLogGroup', { logGroupName: 'g' }]],
      'CreateLogGroup',
      { logGroupName: 'g' },
    ],
    [
      'a stream twice',
      [['CreateLogStream', { logGroupName: 'g', logStreamName: 's' }]],
      'CreateLogStream',
      { logGroupName: 'g', logStreamName: 's' },
    ],
  ] as const)('answers ResourceAlreadyExistsException for %s', (_name, before, operation, body) => {
    const registry = new LogRegistry('r');
    for (const [previous, previousBody] of before) run(registry, previous, previousBody);
    expect(errorTypeOf(() => run(registry, operation, body))).toBe(
      'ResourceAlreadyExistsException',
    );
  });
});

describe('withOrigin', () => {
  const line = {
    time: '2026-11-28T10:00:00.000Z',
    level: 'warn',
    service: 'cloudwatch-logs' as const,
    log_group: '/aws/lambda/hello',
    log_stream: 's',
    message: 'slow',
  };
  const origin = { functionName: 'hello', containerName: 'lambda-hello-2', requestId: 'req-1' };

  it.each([
    ['no origin: unchanged', line, undefined, line],
    [
      'origin: function, container and the invocation request id',
      line,
      origin,
      { ...line, function: 'hello', container_name: 'lambda-hello-2', request_id: 'req-1' },
    ],
    [
      'a request id in the message is kept',
      { ...line, request_id: ID },
      origin,
      { ...line, function: 'hello', container_name: 'lambda-hello-2', request_id: ID },
    ],
  ])('%s', (_name, input, from, expected) => {
    expect(withOrigin(input, from)).toEqual(expected);
  });
});
