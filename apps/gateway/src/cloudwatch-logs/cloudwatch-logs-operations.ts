import { CloudWatchLogsError, invalidParameter } from './cloudwatch-logs-error';
import { escapeControlCharacters, hasControlCharacters, parseLogMessage } from './log-message';
import { LogEvent, LogRegistry } from './log-registry';

/** The CloudWatch Logs API version prefix of `X-Amz-Target`. */
export const TARGET_PREFIX = 'Logs_20140328.';
const MAX_EVENTS = 10_000;
const GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;
const STREAM_NAME = /^[^:*]{1,512}$/;

/** One log event as a JSON line for the log pipeline (the Gateway's stdout). */
export interface LogEventLine {
  time: string;
  level: string;
  service: 'cloudwatch-logs';
  log_group: string;
  log_stream: string;
  message: string;
  request_id?: string;
  /** The function and container whose invocation sent the event (from its trace header). */
  function?: string;
  container_name?: string;
}

export interface OperationResult {
  response: Record<string, unknown>;
  lines: LogEventLine[];
}

type Body = Record<string, unknown>;

/** Where an event came from: the invocation its trace header names. */
export interface EventOrigin {
  functionName: string;
  containerName: string;
  requestId: string;
}

/**
 * Tags an event with the function and container that sent it; the invocation's request id fills in
 * when the message names none (a request id in the message is kept: it may be a sub-task's).
 */
export function withOrigin(line: LogEventLine, origin: EventOrigin | undefined): LogEventLine {
  if (!origin) return line;
  return {
    ...line,
    request_id: line.request_id ?? origin.requestId,
    function: origin.functionName,
    container_name: origin.containerName,
  };
}

function name(body: Body, field: string, pattern: RegExp): string {
  const value = body[field];
  if (typeof value !== 'string' || !pattern.test(value) || hasControlCharacters(value)) {
    throw invalidParameter(`${field} is missing or not a valid name`);
  }
  return value;
}

function optionalPrefix(body: Body, field: string): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidParameter(`${field} must be a string`);
  return value;
}

function optionalLimit(body: Body): number | undefined {
  const value = body.limit;
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > 50) {
    throw invalidParameter('limit must be an integer from 1 to 50');
  }
  return value as number;
}

function logEvents(body: Body): LogEvent[] {
  const events = body.logEvents;
  if (!Array.isArray(events) || events.length === 0 || events.length > MAX_EVENTS) {
    throw invalidParameter(`logEvents must hold 1 to ${MAX_EVENTS} events`);
  }
  return events.map((event: unknown, index) => {
    const { timestamp, message } = (event ?? {}) as Record<string, unknown>;
    if (!Number.isFinite(timestamp) || typeof message !== 'string') {
      throw invalidParameter(`logEvents.${index + 1} needs a numeric timestamp and a message`);
    }
    return { timestamp: timestamp as number, message };
  });
}

function toLine(group: string, stream: string, event: LogEvent): LogEventLine {
  const parsed = parseLogMessage(event.message);
  return {
    time: new Date(event.timestamp).toISOString(),
    level: parsed.level,
    service: 'cloudwatch-logs',
    log_group: group,
    log_stream: stream,
    message: escapeControlCharacters(parsed.message),
    ...(parsed.requestId ? { request_id: escapeControlCharacters(parsed.requestId) } : {}),
  };
}

const OPERATIONS: Record<
  string,
  (body: Body, registry: LogRegistry, now: number) => OperationResult
> = {
  CreateLogGroup: (body, registry, now) => {
    registry.createGroup(name(body, 'logGroupName', GROUP_NAME), now);
    return { response: {}, lines: [] };
  },
  CreateLogStream: (body, registry, now) => {
    const group = name(body, 'logGroupName', GROUP_NAME);
    registry.createStream(group, name(body, 'logStreamName', STREAM_NAME), now);
    return { response: {}, lines: [] };
  },
  PutLogEvents: (body, registry, now) => {
    const group = name(body, 'logGroupName', GROUP_NAME);
    const stream = name(body, 'logStreamName', STREAM_NAME);
    const events = logEvents(body);
    registry.recordEvents(group, stream, events, now);
    return {
      response: { nextSequenceToken: String(now) },
      lines: events.map((event) => toLine(group, stream, event)),
    };
  },
  DescribeLogGroups: (body, registry) => ({
    response: {
      logGroups: registry.describeGroups(
        optionalPrefix(body, 'logGroupNamePrefix'),
        optionalLimit(body),
      ),
    },
    lines: [],
  }),
  DescribeLogStreams: (body, registry) => ({
    response: {
      logStreams: registry.describeStreams(
        name(body, 'logGroupName', GROUP_NAME),
        optionalPrefix(body, 'logStreamNamePrefix'),
        optionalLimit(body),
      ),
    },
    lines: [],
  }),
};

/** Runs one CloudWatch Logs JSON-protocol call: `X-Amz-Target` and the parsed body. */
export function runOperation(
  target: string | undefined,
  body: unknown,
  registry: LogRegistry,
  now: number,
): OperationResult {
  const operation = target?.startsWith(TARGET_PREFIX)
    ? OPERATIONS[target.slice(TARGET_PREFIX.length)]
    : undefined;
  if (!operation) {
    throw new CloudWatchLogsError('UnknownOperationException', `Unknown operation ${target ?? ''}`);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new CloudWatchLogsError(
      'SerializationException',
      'The request body must be a JSON object',
    );
  }
  return operation(body as Body, registry, now);
}
