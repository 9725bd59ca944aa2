/** Where a log line came from, as the Docker labels say. */
export interface LogOrigin {
  containerName: string;
  /** `gateway`, `manager`, a Compose service, or `lambda`. */
  service: string;
  functionName?: string;
}

/** One record for VictoriaLogs' JSON-lines API (`_msg` and `_time` are its message and time fields). */
export interface ShippedRecord {
  _msg: string;
  _time: string;
  level: string;
  service: string;
  container_name: string;
  function?: string;
  request_id?: string;
  [field: string]: unknown;
}

const LEVEL_ALIASES: Record<string, string> = { warning: 'warn', critical: 'fatal', err: 'error' };
const PINO_LEVELS: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};
const DOCKER_TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z) (.*)$/s;

/** Splits the RFC 3339 timestamp Docker prefixes when logs are read with `timestamps=true`. */
export function splitDockerTimestamp(line: string): { time?: string; text: string } {
  const match = DOCKER_TIMESTAMP.exec(line);
  return match ? { time: match[1], text: match[2] } : { text: line };
}

/** pino numbers, pino labels, Lambda's upper-case names and the seed's WARNING/CRITICAL → one name. */
export function normalizeLevel(value: unknown): string | undefined {
  if (typeof value === 'number') return PINO_LEVELS[value];
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const lower = value.trim().toLowerCase();
  return LEVEL_ALIASES[lower] ?? lower;
}

function isoTime(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function parseObject(text: string): Record<string, unknown> | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The Gateway writes CloudWatch Logs events on behalf of the function container that sent them. */
const ON_BEHALF_OF = { writer: 'gateway', service: 'cloudwatch-logs' };

/**
 * Where a line came from: the container it was read from. Only the Gateway may name another
 * origin, for the CloudWatch Logs events it writes (their `container_name` and `function` are the
 * sending function's); nothing else can forge one.
 */
function originFields(origin: LogOrigin, fields: Record<string, unknown> | undefined) {
  const own = {
    service: origin.service,
    container_name: origin.containerName,
    ...(origin.functionName ? { function: origin.functionName } : {}),
  };
  const vouched =
    origin.service === ON_BEHALF_OF.writer &&
    fields?.service === ON_BEHALF_OF.service &&
    typeof fields.container_name === 'string' &&
    typeof fields.function === 'string';
  return vouched
    ? {
        ...own,
        container_name: fields.container_name as string,
        function: fields.function as string,
      }
    : own;
}

/**
 * One container log line → one record. JSON lines (our apps' pino lines, the Lambda runtime's
 * lines) keep their fields; their message, time, level and request id are mapped to the common
 * names. Any other text becomes the message of an `info` record.
 */
export function toShippedRecord(line: string, origin: LogOrigin, readAt: Date): ShippedRecord {
  const { time: dockerTime, text } = splitDockerTimestamp(line);
  const fields = parseObject(text);
  const origins = originFields(origin, fields);
  const fallbackTime = dockerTime ?? readAt.toISOString();
  if (!fields) return { _msg: text, _time: fallbackTime, level: 'info', ...origins };
  const { message, msg, time, timestamp, level, request_id, requestId, service, ...rest } = fields;
  const messageValue = message ?? msg;
  const requestIdValue = request_id ?? requestId;
  return {
    ...rest,
    ...origins,
    ...(typeof service === 'string' ? { service } : {}),
    _msg: typeof messageValue === 'string' ? messageValue : JSON.stringify(messageValue ?? rest),
    _time: isoTime(time) ?? isoTime(timestamp) ?? fallbackTime,
    level: normalizeLevel(level) ?? 'info',
    ...(typeof requestIdValue === 'string' ? { request_id: requestIdValue } : {}),
  };
}

/** Where to start reading a container's log: from its start, unless it predates this shipper by
 * more than `graceMs` (then its older lines were shipped by an earlier run, so skip them). */
export function followSince(startedAt: Date, shipperStartedAt: Date, graceMs: number): Date {
  return startedAt.getTime() >= shipperStartedAt.getTime() - graceMs ? startedAt : shipperStartedAt;
}
