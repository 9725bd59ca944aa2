import 'reflect-metadata';
import { ASYNC_DEFAULTS } from '../config/invocation-config';
import {
  AsyncEvent,
  decide,
  destinationRecord,
  functionErrorDelayMs,
  systemErrorDelayMs,
} from './async-policy';

const AWS = { retryBaseMs: 60_000 };
const event = (over: Partial<AsyncEvent> = {}): AsyncEvent => ({
  id: 'r1',
  function: 'fn',
  payload: '{"a":1}',
  enqueuedAt: 0,
  attempts: 1,
  systemRetries: 0,
  notBefore: 0,
  ...over,
});
const failed = {
  kind: 'functionError' as const,
  payload: '{"errorMessage":"x"}',
  errorType: 'Error',
};

describe('async backoff', () => {
  it.each([
    [1, 60_000],
    [2, 120_000],
  ])('function error retry %i after %i ms (Lambda: ~1 min, then ~2 min)', (retry, ms) => {
    expect(functionErrorDelayMs(retry, AWS)).toBe(ms);
  });

  it.each([
    [1, 1_000],
    [2, 2_000],
    [5, 16_000],
    [9, 256_000],
    [10, 300_000],
    [30, 300_000],
  ])('system error retry %i after %i ms (1 s doubling, at most 5 min)', (retry, ms) => {
    expect(systemErrorDelayMs(retry, AWS)).toBe(ms);
  });

  it('scales both with the configured base', () => {
    expect(functionErrorDelayMs(2, { retryBaseMs: 600 })).toBe(1_200);
    expect(systemErrorDelayMs(1, { retryBaseMs: 600 })).toBe(10);
  });
});

describe('decide', () => {
  const settings = { ...ASYNC_DEFAULTS };
  it.each<[string, AsyncEvent, Parameters<typeof decide>[2], unknown]>([
    ['success', event(), settings, { action: 'finish', condition: 'Success' }],
    ['first failure', event({ attempts: 1 }), settings, { action: 'retry', at: 60_000 }],
    ['second failure', event({ attempts: 2 }), settings, { action: 'retry', at: 120_000 }],
    [
      'third failure',
      event({ attempts: 3 }),
      settings,
      { action: 'finish', condition: 'RetriesExhausted' },
    ],
    [
      'no retries',
      event({ attempts: 1 }),
      { ...settings, maximumRetryAttempts: 0 },
      { action: 'finish', condition: 'RetriesExhausted' },
    ],
    [
      'retry would be too old',
      event({ attempts: 1, enqueuedAt: -1000 }),
      { ...settings, maximumEventAgeSeconds: 60 },
      { action: 'finish', condition: 'EventAgeExceeded' },
    ],
  ])('%s', (_name, e, s, expected) => {
    const outcome = _name === 'success' ? { kind: 'success' as const, payload: '1' } : failed;
    expect(decide(e, outcome, s, AWS, 0)).toEqual(expected);
  });

  it('retries a system error without counting it', () => {
    const e = event({ attempts: 0, systemRetries: 3 });
    expect(decide(e, { kind: 'systemError', message: 'throttled' }, settings, AWS, 0)).toEqual({
      action: 'retry',
      at: 4_000,
    });
  });
});

describe('destinationRecord', () => {
  const context = {
    region: 'eu-west-1',
    account: '123456789012',
    now: Date.parse('2026-01-01T00:00:00Z'),
  };
  it('is the record Lambda sends OnFailure', () => {
    expect(destinationRecord(event({ attempts: 3 }), 'RetriesExhausted', failed, context)).toEqual({
      version: '1.0',
      timestamp: '2026-01-01T00:00:00.000Z',
      requestContext: {
        requestId: 'r1',
        functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:fn:$LATEST',
        condition: 'RetriesExhausted',
        approximateInvokeCount: 3,
      },
      requestPayload: { a: 1 },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: { errorMessage: 'x' },
    });
  });

  it('has no response when the event expired without an answer; non-JSON payloads stay text', () => {
    const record = destinationRecord(
      event({ payload: 'plain', attempts: 0 }),
      'EventAgeExceeded',
      undefined,
      context,
    );
    expect(record).not.toHaveProperty('responseContext');
    expect(record.requestPayload).toBe('plain');
  });
});
