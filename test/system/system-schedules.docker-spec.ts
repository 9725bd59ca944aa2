import { resolve } from 'node:path';
import { taggedLogs } from '../support/function-logs';
import { runCommand } from '../docker/packaging-support';
import { eventually, SystemRun } from './support/system-run';

const APP = resolve(__dirname, 'schedule-app/generator.yml');
const TICKER = 'schedsys-ticker';
const WORKER = 'schedsys-worker';
const RECORDER = 'schedsys-recorder';
const ARN = /^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:schedsys-worker:\$LATEST$/;

type Logged = Array<Record<string, unknown>>;

/**
 * Issue 18 end to end through `npm start` on a generated app (test/system/schedule-app): the
 * template's `Schedule` event fires the ticker every minute with the Scheduled Event; the ticker
 * invokes the worker through the Lambda API with the AWS SDK (InvocationType Event, through the
 * Gateway into the Manager's durable queue); the worker's EventInvokeConfig sends its success and
 * (after its retry) its failure to the recorder as destination records; an
 * `AWS::Scheduler::Schedule` sends its Input; a disabled `ScheduleV2` runs only by hand
 * (`npm run schedules -- trigger`). Everything is read from the real containers' logs.
 */
describe('system suite: schedules and async invocations of a generated app (real Docker)', () => {
  const system = new SystemRun();
  let readyAt = 0;

  beforeAll(async () => {
    // retries after 1 s instead of Lambda's 1 minute (ASYNC_RETRY_BASE_SECONDS scales the backoff)
    await system.start({ ONPRE_APP: APP, ASYNC_RETRY_BASE_SECONDS: '1' });
    readyAt = Date.now();
  });

  afterAll(() => system.stop());

  const logs = async (fn: string, tag: string): Promise<Logged> =>
    taggedLogs(
      system.docker,
      (await system.containers(fn, true)).map((info) => info.Id),
      tag,
    );
  const schedules = (args: string[] = []) =>
    runCommand('npm', ['run', '--silent', 'schedules', '--', ...args], {
      MANAGER_PORT: String(system.run.managerPort),
    });
  /** Polls until `probe` answers something other than `false`; that answer. */
  const waitFor = async <T>(what: string, probe: () => Promise<T | false>, seconds: number) => {
    let last: T | false = false;
    const ok = await eventually(async () => (last = await probe()) !== false, seconds * 2);
    if (!ok || last === false) throw new Error(`${what}: not seen in ${seconds} s`);
    return last as T;
  };

  it('npm start lists the three schedules; npm run schedules shows their next runs', async () => {
    for (const name of ['schedsys-every-minute', 'schedsys-scheduler', 'schedsys-by-hand'])
      expect(system.run.output).toContain(name);
    const listed = await schedules();
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(
      /schedsys-every-minute +→ schedsys-ticker +rate\(1 minute\) \(UTC\) +next \d{4}-/,
    );
    expect(listed.stdout).toMatch(
      /schedsys-by-hand +→ schedsys-recorder +cron\(30 2 \? \* MON-FRI \*\) \(Europe\/Berlin\) +disabled/,
    );
  });

  it('a disabled schedule runs by hand with its Input; an unknown name is an error', async () => {
    const triggered = await schedules(['trigger', 'schedsys-by-hand']);
    expect(triggered).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^queued \S+ for schedsys-recorder/),
    });
    await waitFor(
      'the by-hand run',
      async () => (await logs(RECORDER, 'RECORD')).some((r) => r.from === 'by-hand') || false,
      60,
    );
    const unknown = await schedules(['trigger', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("schedules: 404: schedule 'nope' is not configured");
  });

  it('the rate schedule fires the ticker on time with the Scheduled Event; its Event invocations reach the worker', async () => {
    const ticks = await waitFor(
      'the first tick',
      () => logs(TICKER, 'TICK').then((t) => t.length > 0 && t),
      100,
    );
    const tick = ticks[0];
    expect(tick).toEqual({
      version: '0',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: expect.stringMatching(/^\d{12}$/),
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      region: expect.any(String),
      resources: [
        expect.stringMatching(/^arn:aws:events:[a-z0-9-]+:\d{12}:rule\/schedsys-every-minute$/),
      ],
      detail: {},
    });
    // the period counts from when the Manager first saw the schedule (before ready)
    expect(Date.parse(String(tick.time))).toBeLessThanOrEqual(readyAt + 60_000 + 1000);
    const sent = await waitFor(
      'the ticker sent',
      () => logs(TICKER, 'SENT').then((s) => s.length > 0 && s),
      30,
    );
    expect(sent[0]).toEqual({ tick: tick.time, statusCodes: [202, 202] });
    const work = await waitFor(
      'the worker ran both events (the failing one twice)',
      async () => {
        const seen = (await logs(WORKER, 'WORK')).filter((w) => w.tick === tick.time);
        return seen.length >= 3 && seen;
      },
      60,
    );
    expect(work).toEqual(
      expect.arrayContaining([
        { tick: tick.time },
        { tick: tick.time, fail: true },
        { tick: tick.time, fail: true },
      ]),
    );
    expect(work).toHaveLength(3);
  });

  it("the worker's success and its exhausted retries reach the recorder as the records AWS sends", async () => {
    const [tick] = await logs(TICKER, 'TICK');
    const forTick = (records: Logged) =>
      records.filter(
        (r) => (r.requestPayload as { tick?: string } | undefined)?.tick === tick.time,
      );
    const records = await waitFor(
      'both destination records',
      async () => {
        const found = forTick(await logs(RECORDER, 'RECORD'));
        return found.length >= 2 && found;
      },
      60,
    );
    const byCondition = (condition: string) =>
      records.filter((r) => (r.requestContext as { condition: string }).condition === condition);
    expect(byCondition('Success')).toEqual([
      {
        version: '1.0',
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        requestContext: {
          requestId: expect.any(String),
          functionArn: expect.stringMatching(ARN),
          condition: 'Success',
          approximateInvokeCount: 1,
        },
        requestPayload: { tick: tick.time },
        responseContext: { statusCode: 200, executedVersion: '$LATEST' },
        responsePayload: { worked: tick.time },
      },
    ]);
    expect(byCondition('RetriesExhausted')).toEqual([
      expect.objectContaining({
        requestContext: expect.objectContaining({ approximateInvokeCount: 2 }),
        requestPayload: { tick: tick.time, fail: true },
        responseContext: {
          statusCode: 200,
          executedVersion: '$LATEST',
          functionError: 'Unhandled',
        },
        responsePayload: expect.objectContaining({
          errorType: 'Error',
          errorMessage: `failing on purpose for ${String(tick.time)}`,
        }),
      }),
    ]);
  });

  it('the Scheduler schedule sends its Input; the next tick comes one minute after the first, once', async () => {
    await waitFor(
      'the scheduler run',
      async () => (await logs(RECORDER, 'RECORD')).some((r) => r.from === 'scheduler') || false,
      60,
    );
    const [first] = await logs(TICKER, 'TICK');
    const firstAt = Date.parse(String(first.time));
    const ticks = await waitFor(
      'the second tick',
      async () => {
        const all = await logs(TICKER, 'TICK');
        return all.length >= 2 && all;
      },
      Math.max(0, (firstAt + 60_000 - Date.now()) / 1000) + 30,
    );
    const times = ticks.map((t) => Date.parse(String(t.time))).sort((a, b) => a - b);
    expect(times[1] - times[0]).toBe(60_000);
    // counted: no run twice (each run has its own time)
    expect(new Set(times).size).toBe(times.length);
  });
});
