import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  gatewayUrl,
  startGateway,
  TEST_SECRETS,
  TestGateway,
} from '../../apps/gateway/test/support/gateway-app';
import { DirectoryEventStore } from '../../apps/manager/src/async/event-store';
import { FakeContainerRuntime } from '../../apps/manager/test/fakes/fake-container-runtime';
import { FakeHttpProbe } from '../../apps/manager/test/fakes/fake-http-probe';
import { InMemoryFunctionsSource } from '../../apps/manager/test/fakes/pool-harness';
import { createManagerApp, TEST_TOKEN } from '../../apps/manager/test/manager-app';

/**
 * A full async queue as a caller of the Lambda API sees it: the real Gateway (Invoke API, SigV4, the
 * AWS SDK) in front of the real Manager with its queue bound at 2 events on a real data directory;
 * nothing delivers, so the third `Event` finds the queue full.
 */
describe('Invoke API: a full async queue answers 429 TooManyRequestsException (real Gateway + Manager)', () => {
  let manager: NestFastifyApplication;
  let gateway: TestGateway;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'onpre-queue-full-'));
    manager = await createManagerApp(
      {
        runtime: new FakeContainerRuntime(),
        probe: new FakeHttpProbe(),
        functionsSource: new InMemoryFunctionsSource(
          'functions:\n  bounded: { image: fn:latest }\n',
        ),
        eventStore: new DirectoryEventStore(dataDir),
      },
      { ASYNC_MAX_QUEUE_EVENTS: '2' },
    );
    await manager.listen(0, '127.0.0.1');
    const { port } = manager.getHttpServer().address() as { port: number };
    gateway = await startGateway(`http://127.0.0.1:${port}`, [], {
      MANAGER_TOKEN: TEST_TOKEN,
      ASYNC_DELIVERY_CONCURRENCY: '0',
    });
  });

  afterAll(async () => {
    await gateway?.app.close();
    await manager?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('accepts up to the bound with 202, then answers as Lambda throttles: 429, Type User, Rate Exceeded', async () => {
    const lambda = new LambdaClient({
      endpoint: gatewayUrl(gateway.app),
      region: 'ap-northeast-1',
      maxAttempts: 1,
      credentials: {
        accessKeyId: TEST_SECRETS.FUNCTION_AWS_ACCESS_KEY_ID,
        secretAccessKey: TEST_SECRETS.FUNCTION_AWS_SECRET_ACCESS_KEY,
      },
    });
    const send = (n: number) =>
      lambda.send(
        new InvokeCommand({
          FunctionName: 'bounded',
          InvocationType: 'Event',
          Payload: Buffer.from(JSON.stringify({ n })),
        }),
      );
    expect((await send(1)).StatusCode).toBe(202);
    expect((await send(2)).StatusCode).toBe(202);
    await expect(send(3)).rejects.toMatchObject({
      name: 'TooManyRequestsException',
      Type: 'User',
      message: expect.stringMatching(/^Rate Exceeded\./),
      $metadata: { httpStatusCode: 429 },
    });
    // the two accepted events are on disk; the refused one is not
    expect(new DirectoryEventStore(dataDir).loadEvents().map((e) => e.payload)).toEqual([
      '{"n":1}',
      '{"n":2}',
    ]);
  });
});
