import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DirectoryEventStore } from '../src/async/event-store';
import { ScheduleRunner } from '../src/async/schedule-runner';
import { FakeClock } from './fakes/fake-clock';
import { FakeContainerRuntime } from './fakes/fake-container-runtime';
import { FakeHttpProbe } from './fakes/fake-http-probe';
import { InMemoryFunctionsSource } from './fakes/pool-harness';
import { createManagerApp, TEST_TOKEN } from './manager-app';

const FUNCTIONS = `
functions:
  worker:
    image: onpre-lambda/fn-worker:latest
    reservedConcurrency: 2
    async: { maximumRetryAttempts: 2, onFailure: failures, onSuccess: successes }
  failures: { image: onpre-lambda/fn-failures:latest }
  successes: { image: onpre-lambda/fn-successes:latest }
  tiny:
    image: onpre-lambda/fn-tiny:latest
    async: { maximumRetryAttempts: 0, deadLetter: failures }
schedules:
  EveryMinute: { function: worker, expression: rate(1 minute) }
  Nightly: { function: worker, expression: cron(0 2 * * ? *), timezone: Europe/Berlin, input: '{"job":"nightly"}' }
  Off: { function: worker, expression: rate(1 minute), enabled: false }
`;

describe('Manager async queue and schedules (API)', () => {
  let app: NestFastifyApplication;
  let clock: FakeClock;
  let dataDir: string;

  const call = async (method: 'GET' | 'POST', url: string, payload?: object) => {
    const response = await app.inject({
      method,
      url,
      headers: { 'x-manager-token': TEST_TOKEN },
      ...(payload ? { payload } : {}),
    });
    return { status: response.statusCode, body: response.json<Record<string, unknown>>() };
  };
  const lease = async (max = 10) =>
    (await call('POST', '/async/lease', { max, waitMs: 0 })).body.events as Array<{
      id: string;
      function: string;
      payload: string;
      attempt: number;
    }>;
  const start = async (env: Record<string, string> = {}) => {
    app = await createManagerApp(
      {
        runtime: new FakeContainerRuntime(),
        probe: new FakeHttpProbe(),
        clock,
        functionsSource: new InMemoryFunctionsSource(FUNCTIONS),
        eventStore: new DirectoryEventStore(dataDir),
      },
      { ASYNC_MAX_QUEUE_EVENTS: '3', ASYNC_RETRY_BASE_SECONDS: '60', ...env },
    );
  };

  beforeEach(async () => {
    clock = new FakeClock(Date.parse('2026-03-28T12:00:00Z'));
    dataDir = mkdtempSync(join(tmpdir(), 'onpre-async-'));
    await start();
  });
  afterEach(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('needs the token', async () => {
    const response = await app.inject({ method: 'POST', url: '/async/lease', payload: {} });
    expect(response.statusCode).toBe(401);
  });

  it('queues, leases and finishes a success into OnSuccess with the AWS record', async () => {
    const queued = await call('POST', '/async/functions/worker/events', {
      payload: '{"n":1}',
      requestId: 'req-1',
    });
    expect(queued).toEqual({ status: 202, body: { id: 'req-1' } });
    const [event] = await lease();
    expect(event).toEqual({ id: 'req-1', function: 'worker', payload: '{"n":1}', attempt: 1 });
    expect(await lease()).toEqual([]); // leased, not handed out twice
    await call('POST', '/async/events/req-1/result', { kind: 'success', payload: '{"ok":true}' });
    const [record] = await lease();
    expect(record.function).toBe('successes');
    expect(JSON.parse(record.payload)).toEqual({
      version: '1.0',
      timestamp: '2026-03-28T12:00:00.000Z',
      requestContext: {
        requestId: 'req-1',
        functionArn: 'arn:aws:lambda:ap-northeast-1:000000000000:function:worker:$LATEST',
        condition: 'Success',
        approximateInvokeCount: 1,
      },
      requestPayload: { n: 1 },
      responseContext: { statusCode: 200, executedVersion: '$LATEST' },
      responsePayload: { ok: true },
    });
  });

  it('retries a function error after 1 and 2 minutes, then sends RetriesExhausted to OnFailure', async () => {
    await call('POST', '/async/functions/worker/events', {
      payload: '{"n":2}',
      requestId: 'req-2',
    });
    const error = { kind: 'functionError', errorType: 'Error', payload: '{"errorMessage":"boom"}' };
    await lease();
    await call('POST', '/async/events/req-2/result', error);
    clock.advance(59_000);
    expect(await lease()).toEqual([]);
    clock.advance(1_000);
    expect((await lease())[0]).toMatchObject({ id: 'req-2', attempt: 2 });
    await call('POST', '/async/events/req-2/result', error);
    clock.advance(119_000);
    expect(await lease()).toEqual([]);
    clock.advance(1_000);
    expect((await lease())[0]).toMatchObject({ id: 'req-2', attempt: 3 });
    await call('POST', '/async/events/req-2/result', error);
    const [record] = await lease();
    expect(record.function).toBe('failures');
    expect(JSON.parse(record.payload)).toMatchObject({
      requestContext: {
        requestId: 'req-2',
        condition: 'RetriesExhausted',
        approximateInvokeCount: 3,
      },
      requestPayload: { n: 2 },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: { errorMessage: 'boom' },
    });
  });

  it('sends the original event to a function DLQ; system errors do not count as attempts', async () => {
    await call('POST', '/async/functions/tiny/events', { payload: '{"n":3}', requestId: 'req-3' });
    await lease();
    await call('POST', '/async/events/req-3/result', { kind: 'systemError', message: 'throttled' });
    clock.advance(1_000);
    expect((await lease())[0]).toMatchObject({ id: 'req-3' });
    await call('POST', '/async/events/req-3/result', { kind: 'functionError', payload: '{}' });
    const [dlq] = await lease();
    expect(dlq).toMatchObject({ function: 'failures', payload: '{"n":3}' });
  });

  it('answers 429 when the queue is full and 404 for an unknown function', async () => {
    for (let i = 0; i < 3; i++)
      expect((await call('POST', '/async/functions/tiny/events', { payload: '{}' })).status).toBe(
        202,
      );
    const full = await call('POST', '/async/functions/tiny/events', { payload: '{}' });
    expect(full.status).toBe(429);
    expect(full.body.message).toMatch(/async queue of 'tiny' is full/);
    expect((await call('POST', '/async/functions/nope/events', { payload: '{}' })).status).toBe(
      404,
    );
  });

  it('keeps queued events across a restart and exposes queue metrics', async () => {
    await call('POST', '/async/functions/worker/events', {
      payload: '{"n":4}',
      requestId: 'req-4',
    });
    await lease(); // leased by a Gateway that then died with the Manager
    clock.advance(5_000);
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('onpre_manager_async_queue_events{function="worker"} 1');
    expect(metrics.body).toContain(
      'onpre_manager_async_oldest_event_age_seconds{function="worker"} 5',
    );
    await app.close();
    await start();
    expect((await lease())[0]).toMatchObject({ id: 'req-4', payload: '{"n":4}', attempt: 1 });
  });

  it('keeps the bound when many enqueues arrive at once (each waits for its own fsync)', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        call('POST', '/async/functions/tiny/events', { payload: '{}' }),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([
      ...Array(3).fill(202),
      ...Array(7).fill(429),
    ]);
    const twice = await Promise.all(
      [1, 2].map(() =>
        call('POST', '/async/functions/worker/events', { payload: '{}', requestId: 'same-id' }),
      ),
    );
    // one keeps the caller's request id, the other gets a new one: never one event file for two
    expect(new Set(twice.map((answer) => answer.body.id)).size).toBe(2);
    expect(twice.map((answer) => answer.body.id)).toContain('same-id');
  });

  it('answers a waiting lease as soon as an event is queued, and shares leases between functions', async () => {
    const waiting = call('POST', '/async/lease', { max: 1, waitMs: 20_000 });
    await call('POST', '/async/functions/tiny/events', { payload: '{"woke":1}' });
    expect((await waiting).body.events).toEqual([
      expect.objectContaining({ function: 'tiny', payload: '{"woke":1}' }),
    ]);
    // a backlog of one function does not hold back another's events
    for (let i = 0; i < 3; i++)
      await call('POST', '/async/functions/tiny/events', { payload: `{"i":${i}}` });
    await call('POST', '/async/functions/worker/events', { payload: '{"other":1}' });
    const first = [...(await lease(1)), ...(await lease(1))];
    expect(first.map((event) => event.function).sort()).toEqual(['tiny', 'worker']);
  });

  it('holds back leases beyond the function concurrency', async () => {
    for (let i = 0; i < 3; i++)
      await call('POST', '/async/functions/worker/events', { payload: `{"i":${i}}` });
    expect(await lease()).toHaveLength(2);
  });

  it('fires schedules on time with the Scheduled Event, once across a restart', async () => {
    const runner = app.get(ScheduleRunner);
    const listed = await call('GET', '/schedules');
    expect(listed.body.schedules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'EveryMinute',
          nextAt: '2026-03-28T12:01:00.000Z',
          enabled: true,
        }),
        // 02:00 on 2026-03-29 does not exist in Berlin (DST): skipped, as EventBridge Scheduler does
        expect.objectContaining({ name: 'Nightly', nextAt: '2026-03-30T00:00:00.000Z' }),
        expect.objectContaining({ name: 'Off', enabled: false }),
      ]),
    );
    clock.advance(59_000);
    await runner.tick();
    expect(await lease()).toEqual([]);
    clock.advance(1_000);
    await runner.tick();
    const [fired] = await lease();
    expect(JSON.parse(fired.payload)).toEqual({
      version: '0',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '000000000000',
      time: '2026-03-28T12:01:00Z',
      region: 'ap-northeast-1',
      resources: ['arn:aws:events:ap-northeast-1:000000000000:rule/EveryMinute'],
      detail: {},
    });
    await call('POST', `/async/events/${fired.id}/result`, { kind: 'success', payload: 'null' });
    await app.close();
    clock.advance(90_000); // down over the 12:02 run
    await start();
    await app.get(ScheduleRunner).tick();
    const afterRestart = (await lease()).filter((e) => e.function === 'worker'); // not its OnSuccess
    expect(afterRestart).toHaveLength(1);
    expect(JSON.parse(afterRestart[0].payload).time).toBe('2026-03-28T12:02:00Z');
    await app.get(ScheduleRunner).tick();
    expect(await lease()).toHaveLength(0);
  });

  it('triggers a schedule by hand with its constant input', async () => {
    const triggered = await call('POST', '/schedules/Nightly/trigger');
    expect(triggered.status).toBe(202);
    const [event] = await lease();
    expect(event).toMatchObject({
      id: triggered.body.eventId,
      function: 'worker',
      payload: '{"job":"nightly"}',
    });
    expect((await call('POST', '/schedules/Nope/trigger')).status).toBe(404);
  });

  it('hands nothing to a long-poll whose Gateway went away', async () => {
    await app.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    const gone = new AbortController();
    const abandoned = fetch(`${url}/async/lease`, {
      method: 'POST',
      headers: { 'x-manager-token': TEST_TOKEN, 'content-type': 'application/json' },
      body: JSON.stringify({ max: 1, waitMs: 5_000 }),
      signal: gone.signal,
    }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 200)); // the poll is waiting
    gone.abort();
    await abandoned;
    await new Promise((resolve) => setTimeout(resolve, 200)); // the Manager saw the close
    await call('POST', '/async/functions/worker/events', { payload: '{}', requestId: 'req-gone' });
    await new Promise((resolve) => setTimeout(resolve, 200)); // a poll step would have taken it
    expect(await lease()).toMatchObject([{ id: 'req-gone', attempt: 1 }]);
  });
});
