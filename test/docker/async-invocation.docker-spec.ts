import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { MANAGER_TOKEN_HEADER } from '@app/contracts';
import { TEST_TOKEN } from '../../apps/manager/test/manager-app';
import {
  gatewayUrl,
  startGateway,
  TEST_SECRETS,
  TestGateway,
} from '../../apps/gateway/test/support/gateway-app';
import { buildImage, testDocker } from '../support/docker';
import { taggedLogs } from '../support/function-logs';
import { eventually, ManagerTestScope } from './manager-support';

// One image: with MODE=fail the handler throws, with MODE=slow it takes 1.5 s, else it answers;
// every line is tagged so the test finds what each function was sent in its containers' logs.
const HANDLER = `
exports.handler = async (event) => {
  if (process.env.MODE === 'slow') {
    console.log('STARTED ' + JSON.stringify(event));
    await new Promise((resolve) => setTimeout(resolve, 1500));
  }
  if (process.env.MODE === 'fail') {
    console.log('FAILED ' + JSON.stringify(event));
    throw new Error('boom ' + event.n);
  }
  console.log('SEEN ' + JSON.stringify(event));
  return { ok: true };
};
`;

/**
 * Asynchronous invocation end to end on real containers: the Invoke API (SigV4, AWS SDK) → the
 * Manager's durable queue (a real data directory) → the Gateway's delivery workers → functions on
 * the project's Node.js runtime image; retries into an OnFailure function; a Manager restart; a
 * rate schedule. Function output is read from the containers' own logs.
 */
describe('Async invocations and schedules on real containers (real Docker)', () => {
  const docker = testDocker();
  const scope = new ManagerTestScope(docker);
  const image = `onpre-lambda/asynctest-fn:${scope.id}`;
  const dataDir = join(scope.dir, 'manager-data');
  let manager: NestFastifyApplication;
  let managerPort = 0;
  let gateway: TestGateway;
  /** The first Manager's start: the rate schedule's period counts from within it. */
  let managerStart: { from: number; to: number } | undefined;
  const COUNT = scope.fn('count');
  const FAIL = scope.fn('fail');
  const RECORDS = scope.fn('records');
  const TICKS = scope.fn('ticks');
  const LATE = scope.fn('late');
  const SLOW = scope.fn('slow');
  const ORPHAN = scope.fn('orphan');

  const lambda = (gw: TestGateway) =>
    new LambdaClient({
      endpoint: gatewayUrl(gw.app),
      region: 'ap-northeast-1',
      maxAttempts: 1,
      credentials: {
        accessKeyId: TEST_SECRETS.FUNCTION_AWS_ACCESS_KEY_ID,
        secretAccessKey: TEST_SECRETS.FUNCTION_AWS_SECRET_ACCESS_KEY,
      },
    });
  const sendEvent = (gw: TestGateway, fn: string, event: unknown) =>
    lambda(gw).send(
      new InvokeCommand({
        FunctionName: fn,
        InvocationType: 'Event',
        Payload: Buffer.from(JSON.stringify(event)),
      }),
    );
  /** What the function's containers logged as `<tag> {json}`, parsed. */
  const logged = async (fn: string, tag: string) =>
    taggedLogs(
      docker,
      (await scope.containers(fn)).map((info) => info.Id),
      tag,
    );
  const startManager = async () => {
    const from = Date.now();
    manager = await scope.startManager({
      DATA_DIR: dataDir,
      ASYNC_RETRY_BASE_SECONDS: '1',
      // an unreported delivery (its Gateway died) is handed out again 2 s past the function timeout
      ASYNC_LEASE_GRACE_SECONDS: '2',
    });
    managerStart ??= { from, to: Date.now() };
    await manager.listen(managerPort, '127.0.0.1');
    managerPort = (manager.getHttpServer().address() as { port: number }).port;
  };
  const managerUrl = () => `http://127.0.0.1:${managerPort}`;
  const startDeliveringGateway = (concurrency = '8') =>
    startGateway(managerUrl(), [], {
      MANAGER_TOKEN: TEST_TOKEN,
      ASYNC_DELIVERY_CONCURRENCY: concurrency,
    });
  const queueStats = async () => {
    const response = await fetch(`${managerUrl()}/async/queues`, {
      headers: { [MANAGER_TOKEN_HEADER]: TEST_TOKEN },
    });
    return (await response.json()) as { queues: Array<{ function: string; size: number }> };
  };

  beforeAll(async () => {
    await buildImage(docker, image, {
      Dockerfile: [
        'FROM onpre-lambda/runtime-nodejs:20',
        'COPY index.js /var/task/index.js',
        'CMD ["index.handler"]',
      ].join('\n'),
      'index.js': HANDLER,
    });
    const fn = (extra: Record<string, unknown> = {}) => ({ image, timeout: 10, ...extra });
    writeFileSync(
      scope.functionsFile,
      JSON.stringify({
        functions: {
          [COUNT]: fn({ reservedConcurrency: 3 }),
          [FAIL]: fn({
            environment: { MODE: 'fail' },
            async: { maximumRetryAttempts: 2, onFailure: RECORDS },
          }),
          [RECORDS]: fn(),
          [TICKS]: fn(),
          [LATE]: fn(),
          [SLOW]: fn({ environment: { MODE: 'slow' }, reservedConcurrency: 2 }),
          [ORPHAN]: fn({ timeout: 3 }),
        },
        schedules: { [`${scope.id}-Every`]: { function: TICKS, expression: 'rate(1 minute)' } },
      }),
    );
    await startManager();
    gateway = await startDeliveringGateway();
  });

  afterAll(async () => {
    await gateway?.app.close();
    await scope.cleanUp();
    await docker
      .getImage(image)
      .remove({ force: true })
      .catch(() => undefined);
  });

  it('accepts 200 concurrent Event invocations and executes every one exactly as sent', async () => {
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, n) => sendEvent(gateway, COUNT, { n })),
    );
    expect(answers.map((answer) => answer.StatusCode)).toEqual(Array(200).fill(202));
    let seen: number[] = [];
    await eventually(
      'all 200 events ran',
      async () => {
        seen = (await logged(COUNT, 'SEEN')).map((event) => Number(event.n));
        return new Set(seen).size >= 200;
      },
      150_000,
    );
    expect([...new Set(seen)].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 200 }, (_, n) => n),
    );
    await eventually('the queue is empty', async () => {
      const { queues } = await queueStats();
      return (queues.find((q) => q.function === COUNT)?.size ?? 0) === 0;
    });
  });

  it('retries a failing function twice and sends OnFailure the record AWS sends', async () => {
    const answer = await sendEvent(gateway, FAIL, { n: 7 });
    expect(answer.StatusCode).toBe(202);
    const requestId = answer.$metadata.requestId;
    let records: Array<Record<string, unknown>> = [];
    await eventually(
      'the OnFailure record arrived',
      async () => {
        records = await logged(RECORDS, 'SEEN');
        return records.length > 0;
      },
      60_000,
    );
    expect(records).toHaveLength(1);
    expect(records[0]).toEqual({
      version: '1.0',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      requestContext: {
        requestId: requestId ?? expect.any(String),
        functionArn: `arn:aws:lambda:ap-northeast-1:000000000000:function:${FAIL}:$LATEST`,
        condition: 'RetriesExhausted',
        approximateInvokeCount: 3,
      },
      requestPayload: { n: 7 },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: expect.objectContaining({ errorType: 'Error', errorMessage: 'boom 7' }),
    });
    // the first delivery and the two retries ran the function
    expect(await logged(FAIL, 'FAILED')).toEqual([{ n: 7 }, { n: 7 }, { n: 7 }]);
  });

  it('keeps events queued while the Manager restarts and delivers them after', async () => {
    // a Gateway that only accepts: the events stay queued at the Manager
    await gateway.app.close();
    const accepting = await startDeliveringGateway('0');
    try {
      for (let n = 0; n < 20; n++)
        expect((await sendEvent(accepting, LATE, { n })).StatusCode).toBe(202);
      expect((await queueStats()).queues).toContainEqual(
        expect.objectContaining({ function: LATE, size: 20 }),
      );
      // past the schedule's first run: if it fell due meanwhile, it waits in the queue too
      const firstRun = managerStart!.to + 61_000;
      await new Promise((resolve) => setTimeout(resolve, Math.max(firstRun - Date.now(), 0)));
      await scope.stopManager(manager);
      // Manager away: nothing is claimed that is not on disk
      await expect(sendEvent(accepting, LATE, { n: 99 })).rejects.toMatchObject({
        $metadata: { httpStatusCode: 503 },
      });
      await startManager();
    } finally {
      await accepting.app.close();
    }
    expect(await logged(LATE, 'SEEN')).toEqual([]);
    gateway = await startDeliveringGateway();
    let seen: number[] = [];
    await eventually('the 20 queued events ran after the restart', async () => {
      seen = (await logged(LATE, 'SEEN')).map((event) => Number(event.n));
      return new Set(seen).size >= 20;
    });
    expect([...new Set(seen)].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, n) => n),
    );
  });

  /** Every event of `fn` ran exactly once and its queue is empty (no delivery left unreported). */
  const expectEachOnce = async (fn: string, count: number) => {
    await eventually(`the ${count} events of ${fn} ran and the queue is empty`, async () => {
      const seen = await logged(fn, 'SEEN');
      const { queues } = await queueStats();
      return seen.length >= count && (queues.find((q) => q.function === fn)?.size ?? 0) === 0;
    });
    const seen = (await logged(fn, 'SEEN')).map((event) => Number(event.n));
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, n) => n));
  };

  it('loses nothing and runs nothing twice when the Gateway restarts mid-delivery', async () => {
    for (let n = 0; n < 6; n++)
      expect((await sendEvent(gateway, SLOW, { n })).StatusCode).toBe(202);
    await eventually(
      'two deliveries in flight',
      async () => (await logged(SLOW, 'STARTED')).length >= 2,
    );
    // closing waits for the deliveries in flight and reports them; the rest stays queued
    await gateway.app.close();
    expect((await logged(SLOW, 'SEEN')).length).toBeLessThan(6);
    gateway = await startDeliveringGateway();
    await expectEachOnce(SLOW, 6);
  });

  it('delivers again an event whose Gateway died with it leased (lease expiry), once', async () => {
    await gateway.app.close();
    const accepting = await startDeliveringGateway('0');
    try {
      expect((await sendEvent(accepting, ORPHAN, { n: 0 })).StatusCode).toBe(202);
    } finally {
      await accepting.app.close();
    }
    // what a Gateway that then died (kill -9) leaves behind: a lease nobody reports
    const leasedAt = Date.now();
    const leased = await fetch(`${managerUrl()}/async/lease`, {
      method: 'POST',
      headers: { [MANAGER_TOKEN_HEADER]: TEST_TOKEN, 'content-type': 'application/json' },
      body: JSON.stringify({ max: 10, waitMs: 0 }),
    });
    expect(((await leased.json()) as { events: Array<{ function: string }> }).events).toEqual([
      expect.objectContaining({ function: ORPHAN, attempt: 1 }),
    ]);
    gateway = await startDeliveringGateway();
    await expectEachOnce(ORPHAN, 1);
    // not before the lease ran out: the function's timeout (3 s) + ASYNC_LEASE_GRACE_SECONDS (2 s)
    expect(Date.now() - leasedAt).toBeGreaterThanOrEqual(5000);
  });

  it('fires the rate(1 minute) schedule on time with the EventBridge Scheduled Event, once', async () => {
    // the period starts when the Manager first sees the schedule (during its first start)
    const { from, to } = managerStart!;
    let runs: Array<Record<string, unknown>> = [];
    await eventually(
      'the schedule ran',
      async () => {
        runs = await logged(TICKS, 'SEEN');
        return runs.length > 0;
      },
      Math.max(to + 60_000 - Date.now(), 0) + 30_000,
    );
    const time = Date.parse(String(runs[0].time)); // whole seconds
    expect(time).toBeGreaterThanOrEqual(from + 60_000 - 1000);
    // queued within the 1 s tick of falling due
    expect(time).toBeLessThanOrEqual(to + 60_000 + 1000);
    // one run for the first minute, though the Manager restarted in between
    expect(runs.filter((run) => Date.parse(String(run.time)) < time + 30_000)).toHaveLength(1);
    expect(runs[0]).toEqual({
      version: '0',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '000000000000',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      region: 'ap-northeast-1',
      resources: [`arn:aws:events:ap-northeast-1:000000000000:rule/${scope.id}-Every`],
      detail: {},
    });
  });
});
