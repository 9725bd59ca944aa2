export const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] as const;
export type LambdaLogLevel = (typeof LOG_LEVELS)[number];

/**
 * One JSON line on the container's stdout. Field names follow Lambda's JSON log format
 * (`timestamp`, `level`, `requestId`, `message`, `type` for platform lines); `request_id` repeats the
 * id under the key the Gateway and Manager log with, so one query finds a request across services.
 */
export interface LogRecord {
  timestamp: string;
  level: LambdaLogLevel;
  function: string;
  requestId?: string;
  request_id?: string;
  message: string;
  type?: string;
  [field: string]: unknown;
}

/** What a runtime client printed, once parsed: its level, text and the request it belongs to. */
export interface RuntimeOutput {
  level: LambdaLogLevel;
  message: string;
  requestId?: string;
}

export function toLambdaLevel(value: unknown): LambdaLogLevel | undefined {
  if (typeof value !== 'string') return undefined;
  const upper = value.toUpperCase();
  if (upper === 'WARNING') return 'WARN';
  if (upper === 'CRITICAL') return 'FATAL';
  return (LOG_LEVELS as readonly string[]).includes(upper) ? (upper as LambdaLogLevel) : undefined;
}

/** Whether a line at `level` passes an application log level of `minimum` (TRACE lets all through). */
export function passesLogLevel(level: LambdaLogLevel, minimum: LambdaLogLevel): boolean {
  return LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(minimum);
}
