import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { request } from 'undici';
import { gatewayUrl, startGateway, TEST_SECRETS, TestGateway } from './support/gateway-app';
import { FakeContainer, Latch, until } from './support/fake-container';
import { FakeManager } from './support/fake-manager';
import { sigV4Headers } from './support/sigv4-headers';

describe('Lambda Invoke API', () => {
  let manager: FakeManager;
  let echo: FakeContainer;
  let failing: FakeContainer;
  let held: FakeContainer;
  let tailing: FakeContainer;
  const TAIL = 'START RequestId: r Version: $LATEST\nEND RequestId: r\n';
  const release = new Latch();
  let gateway: TestGateway;

  const client = (secretAccessKey = TEST_SECRETS.FUNCTION_AWS_SECRET_ACCESS_KEY) =>
    new LambdaClient({
      endpoint: gatewayUrl(gateway.app),
      region: 'ap-northeast-1',
      maxAttempts: 1,
      credentials: { accessKeyId: TEST_SECRETS.FUNCTION_AWS_ACCESS_KEY_ID, secretAccessKey },
    });
  const decode = (payload?: Uint8Array) => JSON.parse(Buffer.from(payload ?? []).toString('utf8'));

  beforeAll(async () => {
    echo = await new FakeContainer((event) => ({ result: { received: event } })).start();
    failing = await new FakeContainer(() => ({
      result: { errorType: 'Error', errorMessage: 'boom', stackTrace: [] },
      headers: { 'X-Amz-Function-Error': 'Unhandled' },
    })).start();
    held = await new FakeContainer(async () => {
      await release.opened;
      return { result: 'released' };
    }).start();
    // Answers a log tail when asked, as the runtime does; `bad` answers one that is not base64.
    tailing = await new FakeContainer((event, headers) => {
      if (headers['x-amz-log-type'] !== 'Tail') return { result: 'ok' };
      const logResult = event.bad ? 'not base64!' : Buffer.from(TAIL).toString('base64');
      return { result: 'ok', headers: { 'X-Amz-Log-Result': logResult } };
    }).start();
    manager = await new FakeManager(TEST_SECRETS.MANAGER_TOKEN)
      .define('tailing', { running: [tailing.url] })
      .define('echo', { running: [echo.url] })
      .define('failing', { running: [failing.url] })
      .define('held', { running: [held.url], maxContainers: 1 })
      .start();
    gateway = await startGateway(manager.url, [], { QUEUE_TIMEOUT_MS: '1000' });
  });

  afterAll(async () => {
    release.open();
    await gateway.app.close();
    await Promise.all([manager.stop(), echo.stop(), failing.stop(), held.stop(), tailing.stop()]);
  });

  it('answers a SigV4-signed RequestResponse call from the AWS SDK', async () => {
    const answer = await client().send(
      new InvokeCommand({ FunctionName: 'echo', Payload: Buffer.from('{"n":1}') }),
    );
    expect(answer.StatusCode).toBe(200);
    expect(answer.FunctionError).toBeUndefined();
    expect(answer.ExecutedVersion).toBe('$LATEST');
    expect(decode(answer.Payload)).toEqual({ received: { n: 1 } });
  });

  it('answers the log tail for LogType Tail (RequestResponse), and none otherwise', async () => {
    const invoke = (input: Partial<ConstructorParameters<typeof InvokeCommand>[0]>) =>
      client().send(new InvokeCommand({ FunctionName: 'tailing', ...input }));
    const tailed = await invoke({ LogType: 'Tail' });
    expect(Buffer.from(tailed.LogResult ?? '', 'base64').toString('utf8')).toBe(TAIL);
    expect((await invoke({ LogType: 'None' })).LogResult).toBeUndefined();
    expect((await invoke({})).LogResult).toBeUndefined();
    const notBase64 = await invoke({ LogType: 'Tail', Payload: Buffer.from('{"bad":true}') });
    expect(notBase64.StatusCode).toBe(200);
    expect(notBase64.LogResult).toBeUndefined();
  });

  it('refuses a LogType other than None and Tail', async () => {
    await expect(
      client().send(new InvokeCommand({ FunctionName: 'echo', LogType: 'Everything' as 'Tail' })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: 'Invalid LogType',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('accepts a function ARN', async () => {
    const answer = await client().send(
      new InvokeCommand({
        FunctionName: 'arn:aws:lambda:ap-northeast-1:000000000000:function:echo',
        Payload: Buffer.from('{"arn":true}'),
      }),
    );
    expect(decode(answer.Payload)).toEqual({ received: { arn: true } });
  });

  it('reports a function error as 200 with FunctionError Unhandled', async () => {
    const answer = await client().send(new InvokeCommand({ FunctionName: 'failing' }));
    expect(answer.StatusCode).toBe(200);
    expect(answer.FunctionError).toBe('Unhandled');
    expect(decode(answer.Payload)).toMatchObject({ errorType: 'Error', errorMessage: 'boom' });
  });

  it('answers Event invocations with 202 and runs them in the background', async () => {
    const before = echo.events.length;
    const answer = await client().send(
      new InvokeCommand({
        FunctionName: 'echo',
        InvocationType: 'Event',
        Payload: Buffer.from('{"async":1}'),
      }),
    );
    expect(answer.StatusCode).toBe(202);
    await until(() => echo.events.length > before, 'the background invocation');
    expect(echo.events.at(-1)).toEqual({ async: 1 });
  });

  it('answers Event only once the Manager queued it, delivers it and reports the outcome', async () => {
    const queuedBefore = manager.asyncEvents.length;
    const answer = await client().send(
      new InvokeCommand({
        FunctionName: 'failing',
        InvocationType: 'Event',
        Payload: Buffer.from('{"n":7}'),
      }),
    );
    expect(answer.StatusCode).toBe(202);
    expect(manager.asyncEvents.slice(queuedBefore)).toEqual([
      expect.objectContaining({ function: 'failing', payload: '{"n":7}' }),
    ]);
    const id = manager.asyncEvents[queuedBefore].id;
    await until(() => manager.asyncResults.some((r) => r.id === id), 'the delivery report');
    expect(manager.asyncResults.find((r) => r.id === id)).toMatchObject({
      kind: 'functionError',
      errorType: 'Error',
      payload: expect.stringContaining('boom'),
    });
  });

  it('answers Event with 429 TooManyRequestsException when the queue is full, 404 for an unknown function', async () => {
    manager.enqueueStatus = 429;
    try {
      await expect(
        client().send(new InvokeCommand({ FunctionName: 'echo', InvocationType: 'Event' })),
      ).rejects.toMatchObject({
        name: 'TooManyRequestsException',
        $metadata: { httpStatusCode: 429 },
      });
    } finally {
      manager.enqueueStatus = undefined;
    }
    await expect(
      client().send(new InvokeCommand({ FunctionName: 'nope', InvocationType: 'Event' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('answers DryRun with 204 without invoking', async () => {
    const before = echo.events.length;
    const answer = await client().send(
      new InvokeCommand({ FunctionName: 'echo', InvocationType: 'DryRun' }),
    );
    expect(answer.StatusCode).toBe(204);
    expect(echo.events.length).toBe(before);
  });

  it('maps an unknown function to ResourceNotFoundException', async () => {
    await expect(client().send(new InvokeCommand({ FunctionName: 'nope' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('answers TooManyRequestsException when the only container stays busy', async () => {
    const first = client().send(new InvokeCommand({ FunctionName: 'held' }));
    await until(() => held.events.length === 1, 'the first call to hold the container');
    await expect(client().send(new InvokeCommand({ FunctionName: 'held' }))).rejects.toMatchObject({
      name: 'TooManyRequestsException',
      $metadata: { httpStatusCode: 429 },
    });
    release.open();
    expect(decode((await first).Payload)).toBe('released');
  });

  it('rejects a signature made with the wrong secret', async () => {
    const call = client('wrong-secret-wrong-secret').send(
      new InvokeCommand({ FunctionName: 'echo' }),
    );
    await expect(call).rejects.toMatchObject({
      name: 'InvalidSignatureException',
      $metadata: { httpStatusCode: 403 },
    });
  });

  // The login API key is handed to every client: it must not invoke functions with events the
  // client wrote (forged requestContext.authorizer.claims), so the Invoke API ignores it.
  it.each([
    {
      case: 'the login API key alone',
      headers: { 'x-api-key': TEST_SECRETS.X_API_KEY },
      status: 403,
      type: 'MissingAuthenticationTokenException',
    },
    {
      case: 'a wrong API key',
      headers: { 'x-api-key': 'wrong-key-123' },
      status: 403,
      type: 'MissingAuthenticationTokenException',
    },
    {
      case: 'the login API key as a Bearer token',
      headers: { authorization: `Bearer ${TEST_SECRETS.X_API_KEY}` },
      status: 403,
      type: 'InvalidSignatureException',
    },
    {
      case: 'no credential at all',
      headers: {},
      status: 403,
      type: 'MissingAuthenticationTokenException',
    },
  ])('answers a call with $case with $status $type', async ({ headers, status, type }) => {
    const response = await request(
      `${gatewayUrl(gateway.app)}/2015-03-31/functions/echo/invocations`,
      {
        method: 'POST',
        headers,
        body: JSON.stringify({ requestContext: { authorizer: { claims: { sub: 'admin' } } } }),
      },
    );
    expect(response.statusCode).toBe(status);
    expect(response.headers['x-amzn-errortype']).toBe(type);
    expect(await response.body.text()).not.toContain('admin');
    expect(echo.events).not.toContainEqual(
      expect.objectContaining({ requestContext: expect.anything() }),
    );
  });

  it('answers a raw call signed by AWS SigV4 with the function credentials', async () => {
    const url = new URL(`${gatewayUrl(gateway.app)}/2015-03-31/functions/echo/invocations`);
    const body = '{"k":1}';
    const signed = await sigV4Headers({
      method: 'POST',
      path: url.pathname,
      host: url.host,
      body,
      service: 'lambda',
      credentials: {
        accessKeyId: TEST_SECRETS.FUNCTION_AWS_ACCESS_KEY_ID,
        secretAccessKey: TEST_SECRETS.FUNCTION_AWS_SECRET_ACCESS_KEY,
      },
    });
    const response = await request(url, { method: 'POST', headers: signed, body });
    expect(response.statusCode).toBe(200);
    expect(await response.body.json()).toEqual({ received: { k: 1 } });
  });
});
