import {
  followSince,
  LogOrigin,
  normalizeLevel,
  splitDockerTimestamp,
  toShippedRecord,
} from './shipped-record';

const READ_AT = new Date('2026-11-28T10:00:00.000Z');
const LAMBDA: LogOrigin = {
  containerName: 'lambda-hello-1',
  service: 'lambda',
  functionName: 'hello',
};
const GATEWAY: LogOrigin = { containerName: 'onpre-gateway-1', service: 'gateway' };

describe('splitDockerTimestamp', () => {
  it.each([
    [
      '2026-11-28T10:00:01.123456789Z {"a":1}',
      { time: '2026-11-28T10:00:01.123456789Z', text: '{"a":1}' },
    ],
    ['2026-11-28T10:00:01Z plain', { time: '2026-11-28T10:00:01Z', text: 'plain' }],
    ['no timestamp here', { text: 'no timestamp here' }],
  ])('%j', (line, expected) => {
    expect(splitDockerTimestamp(line)).toEqual(expected);
  });
});

describe('normalizeLevel', () => {
  it.each([
    [30, 'info'],
    [50, 'error'],
    [35, undefined],
    ['WARNING', 'warn'],
    ['CRITICAL', 'fatal'],
    ['ERROR', 'error'],
    [' Debug ', 'debug'],
    ['', undefined],
    [null, undefined],
  ])('%j → %j', (value, expected) => {
    expect(normalizeLevel(value)).toBe(expected);
  });
});

describe('toShippedRecord', () => {
  it.each([
    [
      'a pino line from the gateway',
      GATEWAY,
      '2026-11-28T10:00:01Z {"level":"info","time":"2026-11-28T10:00:00.500Z","service":"gateway","request_id":"r-1","message":"routed","route":"/hello"}',
      {
        _msg: 'routed',
        _time: '2026-11-28T10:00:00.500Z',
        level: 'info',
        service: 'gateway',
        container_name: 'onpre-gateway-1',
        request_id: 'r-1',
        route: '/hello',
      },
    ],
    [
      'a Lambda runtime line (upper-case level, requestId, timestamp)',
      LAMBDA,
      '{"timestamp":"2026-11-28T09:59:59.000Z","level":"ERROR","requestId":"r-2","message":"boom","type":"platform.report"}',
      {
        _msg: 'boom',
        _time: '2026-11-28T09:59:59.000Z',
        level: 'error',
        service: 'lambda',
        container_name: 'lambda-hello-1',
        function: 'hello',
        request_id: 'r-2',
        type: 'platform.report',
      },
    ],
    [
      'plain text gets the Docker time and level info',
      LAMBDA,
      '2026-11-28T10:00:02Z listening on 8080',
      {
        _msg: 'listening on 8080',
        _time: '2026-11-28T10:00:02Z',
        level: 'info',
        service: 'lambda',
        container_name: 'lambda-hello-1',
        function: 'hello',
      },
    ],
    [
      'JSON without a message keeps its fields and uses them as the message',
      GATEWAY,
      '{"level":40,"time":1795860001000,"count":3}',
      {
        _msg: '{"count":3}',
        _time: '2026-11-28T10:00:01.000Z',
        level: 'warn',
        service: 'gateway',
        container_name: 'onpre-gateway-1',
        count: 3,
      },
    ],
    [
      'a JSON array is text, and a bad time falls back to the read time',
      GATEWAY,
      '[1,2]',
      {
        _msg: '[1,2]',
        _time: READ_AT.toISOString(),
        level: 'info',
        service: 'gateway',
        container_name: 'onpre-gateway-1',
      },
    ],
  ])('%s', (_name, origin, line, expected) => {
    expect(toShippedRecord(line, origin, READ_AT)).toEqual(expected);
  });

  it('does not let a line override where it came from', () => {
    const record = toShippedRecord(
      '{"container_name":"forged","function":"other","message":"x"}',
      LAMBDA,
      READ_AT,
    );
    expect(record).toMatchObject({ container_name: 'lambda-hello-1', function: 'hello' });
  });

  it.each([
    [
      'the Gateway for a CloudWatch event: the sender',
      GATEWAY,
      'cloudwatch-logs',
      'lambda-hello-2',
    ],
    ['the Gateway for its own line: itself', GATEWAY, 'gateway', 'onpre-gateway-1'],
    ['a function claiming a CloudWatch event: itself', LAMBDA, 'cloudwatch-logs', 'lambda-hello-1'],
  ])('a line naming its sender, written by %s', (_name, origin, service, containerName) => {
    const line = `{"service":"${service}","container_name":"lambda-hello-2","function":"hello","message":"m","level":"warn"}`;
    expect(toShippedRecord(line, origin, READ_AT)).toMatchObject({
      service,
      container_name: containerName,
      function: 'hello',
      level: 'warn',
    });
  });
});

describe('followSince', () => {
  const shipperStartedAt = new Date('2026-11-28T10:00:00Z');
  it.each([
    ['started after the shipper: from its start', '2026-11-28T10:05:00Z', '2026-11-28T10:05:00Z'],
    [
      'started just before (within grace): from its start',
      '2026-11-28T09:59:30Z',
      '2026-11-28T09:59:30Z',
    ],
    ['started long before: from the shipper start', '2026-11-27T10:00:00Z', '2026-11-28T10:00:00Z'],
  ])('%s', (_name, startedAt, expected) => {
    expect(followSince(new Date(startedAt), shipperStartedAt, 60_000).toISOString()).toBe(
      new Date(expected).toISOString(),
    );
  });
});
