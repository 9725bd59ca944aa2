import { FUNCTION_ERROR_HEADER } from '@app/contracts';
import { testDocker } from '../support/docker';
import { FunctionTestRun } from './runtime-harness';

interface JavaError {
  errorType: string;
  errorMessage: string;
  stackTrace: string[];
  cause?: JavaError;
}

/**
 * Our java runtime image (Debian's OpenJDK 17, our client) in real containers, with a function jar
 * compiled against aws-lambda-java-core and bundling it in /var/task/lib, as Maven/Gradle lay it out.
 */
describe('java runtime image (real containers)', () => {
  const docker = testDocker();
  const run = new FunctionTestRun(docker, 'runtime-java');
  // A JVM's first invoke loads Jackson and the handler: generous limits keep the tests about
  // behaviour on a loaded 2-core machine (the cold-start bench measures the time).
  const start = (handler: string, env: Record<string, string> = {}) =>
    run.start(
      handler,
      {
        AWS_LAMBDA_FUNCTION_NAME: 'java-hello',
        AWS_LAMBDA_FUNCTION_TIMEOUT: '30',
        ONPRE_LAMBDA_INIT_TIMEOUT: '60',
        ...env,
      },
      { hardened: true, readyWithinMs: 60_000 },
    );

  beforeAll(() => run.build('onpre-lambda/runtime-java:17', 'java'), 180_000);
  afterAll(() => run.cleanup());

  it('runs a RequestHandler on maps with the full Context, as uid 993', async () => {
    const fn = await start('example.Hello', { AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512' });
    const result = await fn.invoke(
      { pathParameters: { name: 'duke' } },
      { 'X-Request-Id': 'java-1' },
    );
    expect(result.status).toBe(200);
    expect(result.headers.get(FUNCTION_ERROR_HEADER)).toBeNull();
    const reply = result.json() as { statusCode: number; body: Record<string, unknown> };
    expect(reply.statusCode).toBe(200);
    expect(reply.body).toMatchObject({
      greeting: 'hello duke from java',
      awsRequestId: 'java-1',
      functionName: 'java-hello',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:java-hello',
      memoryLimitInMB: 512,
      logGroupName: '/aws/lambda/java-hello',
      user: 'sbx_user1051',
    });
    expect(reply.body.remainingTimeInMillis).toBeGreaterThan(1000);
    expect(reply.body.remainingTimeInMillis).toBeLessThanOrEqual(30_000);
    const second = await fn.invoke({ pathParameters: { name: 'again' } });
    expect((second.json() as { body: { greeting: string } }).body.greeting).toBe(
      'hello again from java',
    );
  });

  it.each([
    [
      'a POJO in and out (Class::method)',
      'example.Pojo::greet',
      { name: 'Ada', age: 36 },
      { message: 'hello Ada, 36' },
    ],
    ['a static method on a String', 'example.Pojo::plain', '"quiet"', 'QUIET'],
  ])('runs %s', async (_name, handler, event, expected) => {
    const fn = await start(handler);
    expect((await fn.invoke(event)).json()).toEqual(expected);
  });

  it('runs a RequestStreamHandler on the raw bytes', async () => {
    const fn = await start('example.Streams');
    const result = await fn.invoke('{"a": 1}', { 'X-Request-Id': 'java-stream' });
    expect(result.json()).toEqual({ length: 8, id: 'java-stream' });
  });

  it('reports an exception with its class, message, stack trace and cause', async () => {
    const fn = await start('example.Behaviours::fail');
    const result = await fn.invoke({ number: 'seven' });
    expect(result.status).toBe(200);
    expect(result.headers.get(FUNCTION_ERROR_HEADER)).toBe('Unhandled');
    const body = result.json() as JavaError;
    expect(body).toMatchObject({
      errorType: 'java.lang.IllegalStateException',
      errorMessage: 'bad input: seven',
      cause: { errorType: 'java.lang.NumberFormatException' },
    });
    expect(body.stackTrace[0]).toMatch(/^example\.Behaviours\.fail\(Behaviours\.java:\d+\)$/);
    expect(body.stackTrace.join('\n')).not.toContain('onpre.lambda');
  });

  it('times out with the AWS error and a fresh JVM serves the next invoke', async () => {
    const fn = await start('example.Behaviours::sleep', { AWS_LAMBDA_FUNCTION_TIMEOUT: '10' });
    expect((await fn.invoke({ ms: 1 })).json()).toEqual({ slept: 1 });
    const timedOut = await fn.invoke({ ms: 60_000 }, { 'X-Request-Id': 'java-timeout' });
    expect(timedOut.status).toBe(504);
    expect(timedOut.json()).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: 'RequestId: java-timeout Error: Task timed out after 10.00 seconds',
    });
    expect((await fn.invoke({ ms: 5 })).json()).toEqual({ slept: 5 });
  });

  it('answers System.exit with Runtime.ExitError', async () => {
    const fn = await start('example.Behaviours::crash');
    const crashed = await fn.invoke({}, { 'X-Request-Id': 'java-crash' });
    expect(crashed.status).toBe(502);
    expect(crashed.json()).toEqual({
      errorType: 'Runtime.ExitError',
      errorMessage: 'RequestId: java-crash Error: Runtime exited with error: exit status 3',
    });
  });

  it.each([
    ['a missing class', 'example.Nope', 'java.lang.ClassNotFoundException', 'example.Nope'],
    ['a missing method', 'example.Pojo::nothing', 'java.lang.RuntimeException', 'nothing'],
    [
      'a failing static initialiser',
      'example.BrokenInit::handle',
      'java.lang.ExceptionInInitializerError',
      '',
    ],
  ])('reports %s as an init error', async (_name, handler, errorType, message) => {
    const fn = await start(handler);
    for (let attempt = 0; attempt < 2; attempt++) {
      const result = await fn.invoke({});
      expect(result.headers.get(FUNCTION_ERROR_HEADER)).toBe('Unhandled');
      const body = result.json() as JavaError;
      expect(body.errorType).toBe(errorType);
      expect(body.errorMessage).toContain(message);
    }
  });

  it("writes the Context logger's output as log lines of the request", async () => {
    const fn = await start('example.Hello');
    await fn.invoke({ pathParameters: { name: 'logs' } }, { 'X-Request-Id': 'java-logs' });
    await fn.waitForLog(
      (line) => line.type === 'platform.report' && line.requestId === 'java-logs',
    );
    const messages = (await fn.logLines())
      .filter((line) => line.requestId === 'java-logs')
      .map((line) => line.message);
    expect(messages).toContain('greeting logs');
  });
});
