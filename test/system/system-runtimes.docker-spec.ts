import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { Agent } from 'node:https';
import { resolve } from 'node:path';
import { readDevSettings } from '../../scripts/dev/settings';
import { SystemRun } from './support/system-run';

/** The README's polyglot example is this suite's fixture, so what the README shows is tested. */
const APP = resolve(__dirname, '../../examples/polyglot-app/generator.yml');
/** Function images of four runtimes are built on the first start (Go compile, javac, npm install). */
const READY_TIMEOUT_MS = 480_000;
/** The template's Globals Timeout; the handlers' "sleep" outlasts it by 3 s. */
const TIMEOUT_SECONDS = 5;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Greeting {
  greeting: string;
  functionName: string;
  requestId: string;
  apiRequestId: string;
  path: string;
}

interface LambdaErrorBody {
  errorType: string;
  errorMessage: string;
  stackTrace?: unknown[];
  trace?: string[];
}

/**
 * Issue 14 end to end: `npm start -- --app examples/polyglot-app` — Go (stdlib, `BuildMethod:
 * go1.x` on provided.al2023), Ruby, Java (a makefile build with javac) and an image function (its
 * Dockerfile FROM public.ecr.aws/lambda/nodejs:20 with npm install) generated from the SAM template,
 * built, and called through the Gateway: the REST route as API Gateway answers it, and the Lambda
 * Invoke API for what Lambda itself reports (error shape, request id in the log tail).
 */
describe('system suite: Go, Ruby, Java and an image function from a SAM template, through the Gateway (real Docker)', () => {
  const system = new SystemRun();
  let lambda: LambdaClient;

  beforeAll(async () => {
    await system.start({ ONPRE_APP: APP }, READY_TIMEOUT_MS);
    const { functionKeys } = readDevSettings({}, [], '/', () => false);
    lambda = new LambdaClient({
      endpoint: `https://127.0.0.1:${system.run.gatewayPort}`,
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: functionKeys,
      requestHandler: {
        httpsAgent: new Agent({ ca: system.run.certificate }),
        requestTimeout: 60_000,
      },
    });
  }, READY_TIMEOUT_MS + 30_000);

  afterAll(async () => {
    lambda?.destroy();
    await system.stop();
  });

  const runtimes: Array<[route: string, fn: string, greeting: RegExp, errorType: string]> = [
    ['go', 'polyglot-go', /^hello ada from go$/, 'GreetingError'],
    ['ruby', 'polyglot-ruby', /^hello ada from ruby 3\.\d+\.\d+$/, 'Function<GreetingError>'],
    ['java', 'polyglot-java', /^hello ada from java 17$/, 'example.Greeter$GreetingError'],
    ['image', 'polyglot-image', /^HELLO ADA FROM AN IMAGE ON NODE 20!$/, 'GreetingError'],
  ];

  const invoke = async (functionName: string, name: string) => {
    const answer = await lambda.send(
      new InvokeCommand({
        FunctionName: functionName,
        LogType: 'Tail',
        Payload: Buffer.from(JSON.stringify({ path: `/x/${name}`, pathParameters: { name } })),
      }),
    );
    return {
      functionError: answer.FunctionError,
      payload: JSON.parse(Buffer.from(answer.Payload ?? []).toString('utf8')) as Record<
        string,
        unknown
      >,
      log: Buffer.from(answer.LogResult ?? '', 'base64').toString('utf8'),
    };
  };

  describe.each(runtimes)('%s (%s)', (route, fn, greeting, errorType) => {
    it('a path parameter in, JSON out, with its function name and a request id per invocation', async () => {
      const first = await system.gateway.send('GET', `/${route}/ada`);
      expect(first.status).toBe(200);
      expect(first.headers['content-type']).toMatch(/^application\/json/);
      const body = first.json<Greeting>();
      expect(body).toEqual({
        greeting: expect.stringMatching(greeting),
        functionName: fn,
        requestId: expect.stringMatching(UUID),
        apiRequestId: expect.any(String),
        path: `/${route}/ada`,
      });
      const second = (await system.gateway.send('GET', `/${route}/ada`)).json<Greeting>();
      expect(second.requestId).toMatch(UUID);
      expect(second.requestId).not.toBe(body.requestId);
      expect(second.apiRequestId).not.toBe(body.apiRequestId);
    });

    it("the request id the function sees is the invocation's, as Lambda's log lines name it", async () => {
      const { functionError, payload, log } = await invoke(fn, 'grace');
      expect(functionError).toBeUndefined();
      const { requestId, functionName } = JSON.parse(String(payload.body)) as Greeting;
      expect(functionName).toBe(fn);
      expect(log).toContain(`START RequestId: ${requestId} Version: $LATEST`);
      expect(log).toContain(`END RequestId: ${requestId}`);
    });

    it("an error: 502 Internal server error on the REST route, Lambda's error shape from Invoke", async () => {
      const routed = await system.gateway.send('GET', `/${route}/fail`);
      expect([routed.status, routed.json()]).toEqual([502, { message: 'Internal server error' }]);
      const { functionError, payload } = await invoke(fn, 'fail');
      expect(functionError).toBe('Unhandled');
      const error = payload as unknown as LambdaErrorBody;
      expect(error).toMatchObject({ errorType, errorMessage: 'cannot greet fail' });
      // Go's hand-written runtime loop posts no trace; Lambda's node runtime calls it `trace`, the
      // Ruby and Java runtimes `stackTrace`.
      if (route === 'image') expect(error.trace?.[0]).toBe('GreetingError: cannot greet fail');
      if (route === 'ruby' || route === 'java') expect(error.stackTrace?.length).toBeGreaterThan(0);
    });

    it('a timeout: the REST route answers 502 after the function timeout, and the function recovers', async () => {
      const started = Date.now();
      const routed = await system.gateway.send('GET', `/${route}/sleep`);
      const elapsed = Date.now() - started;
      expect([routed.status, routed.json()]).toEqual([502, { message: 'Internal server error' }]);
      expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_SECONDS * 1000);
      const { functionError, payload } = await invoke(fn, 'sleep');
      expect(functionError).toBe('Unhandled');
      expect(payload).toMatchObject({
        errorType: 'Sandbox.Timedout',
        errorMessage: expect.stringMatching(
          new RegExp(
            `^RequestId: [0-9a-f-]{36} Error: Task timed out after ${TIMEOUT_SECONDS}\\.00 seconds$`,
          ),
        ),
      });
      const after = await system.gateway.send('GET', `/${route}/ada`);
      expect(after.status).toBe(200);
      expect(after.json<Greeting>().greeting).toMatch(greeting);
    });
  });
});
