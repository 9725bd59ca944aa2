import type { AsyncSettings } from '../config/invocation-config';

/** One queued asynchronous invocation, as kept on disk. */
export interface AsyncEvent {
  /** The request id (AWS: the async invocation's request id; the 202's `x-amzn-RequestId`). */
  id: string;
  function: string;
  /** The event, JSON text. */
  payload: string;
  enqueuedAt: number;
  /** Invocations of the function that returned (success or function error) so far. */
  attempts: number;
  /** Throttles and system errors so far (not counted against MaximumRetryAttempts, as on AWS). */
  systemRetries: number;
  /** Not delivered before this time (ms since the epoch). */
  notBefore: number;
}

/** What a Gateway reports for one delivery. */
export type DeliveryOutcome =
  | { kind: 'success'; payload: string }
  | { kind: 'functionError'; payload: string; errorType: string }
  /** Throttled, no container could start, the function is gone: the event goes back to the queue. */
  | { kind: 'systemError'; message: string };

export type Condition = 'Success' | 'RetriesExhausted' | 'EventAgeExceeded';

export type Decision = { action: 'retry'; at: number } | { action: 'finish'; condition: Condition };

export interface BackoffSettings {
  /** Delay before the first retry after a function error; AWS: about 1 minute, then 2. */
  retryBaseMs: number;
}

/** Delay before retry `n` (1-based) after a function error: base, 2 × base (AWS: 1 min, 2 min). */
export function functionErrorDelayMs(retry: number, settings: BackoffSettings): number {
  return settings.retryBaseMs * 2 ** (retry - 1);
}

/** Throttles/system errors: from 1 s doubling up to 5 minutes (AWS), scaled like the base. */
export function systemErrorDelayMs(retry: number, settings: BackoffSettings): number {
  const scale = settings.retryBaseMs / 60_000;
  return Math.min(1000 * 2 ** (retry - 1), 300_000) * scale;
}

export function isTooOld(event: AsyncEvent, settings: AsyncSettings, now: number): boolean {
  return now - event.enqueuedAt > settings.maximumEventAgeSeconds * 1000;
}

/** What happens to an event after a delivery (the event already counts this delivery). */
export function decide(
  event: AsyncEvent,
  outcome: DeliveryOutcome,
  settings: AsyncSettings,
  backoff: BackoffSettings,
  now: number,
): Decision {
  if (outcome.kind === 'success') return { action: 'finish', condition: 'Success' };
  const delay =
    outcome.kind === 'functionError'
      ? functionErrorDelayMs(event.attempts, backoff)
      : systemErrorDelayMs(event.systemRetries, backoff);
  if (outcome.kind === 'functionError' && event.attempts > settings.maximumRetryAttempts)
    return { action: 'finish', condition: 'RetriesExhausted' };
  const at = now + delay;
  if (at - event.enqueuedAt > settings.maximumEventAgeSeconds * 1000)
    return { action: 'finish', condition: 'EventAgeExceeded' };
  return { action: 'retry', at };
}

export interface RecordContext {
  region: string;
  account: string;
  now: number;
}

/** The invocation record Lambda sends to a destination (AWS Lambda developer guide, "Destinations"). */
export function destinationRecord(
  event: AsyncEvent,
  condition: Condition,
  last: DeliveryOutcome | undefined,
  context: RecordContext,
): Record<string, unknown> {
  const parse = (text: string): unknown => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  };
  const record: Record<string, unknown> = {
    version: '1.0',
    timestamp: new Date(context.now).toISOString(),
    requestContext: {
      requestId: event.id,
      functionArn: `arn:aws:lambda:${context.region}:${context.account}:function:${event.function}:$LATEST`,
      condition,
      approximateInvokeCount: event.attempts,
    },
    requestPayload: parse(event.payload),
  };
  if (last && last.kind !== 'systemError') {
    record.responseContext = {
      statusCode: 200,
      executedVersion: '$LATEST',
      ...(last.kind === 'functionError' ? { functionError: 'Unhandled' } : {}),
    };
    record.responsePayload = parse(last.payload);
  }
  return record;
}
