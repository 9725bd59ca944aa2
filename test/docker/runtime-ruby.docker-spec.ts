import { FUNCTION_ERROR_HEADER } from '@app/contracts';
import { testDocker } from '../support/docker';
import { FunctionTestRun, type RunningFunction } from './runtime-harness';

/** Our ruby runtime image (Debian's ruby, our stdlib-only client) in real containers. */
describe('ruby runtime image (real containers)', () => {
  const docker = testDocker();
  const run = new FunctionTestRun(docker, 'runtime-ruby');
  const start = (handler: string, env: Record<string, string> = {}) =>
    run.start(handler, { AWS_LAMBDA_FUNCTION_NAME: 'rb-echo', ...env }, { hardened: true });

  beforeAll(() => run.build('onpre-lambda/runtime-ruby:3', 'ruby'));
  afterAll(() => run.cleanup());

  describe('a file.method handler', () => {
    let fn: RunningFunction;
    beforeAll(async () => {
      fn = await start('app.handler', { AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256' });
    });

    it('gets the event as keyword arguments with the full context, as uid 993', async () => {
      const result = await fn.invoke({ hello: 'ruby', n: [1.5, null] }, { 'X-Request-Id': 'rb-1' });
      expect(result.status).toBe(200);
      expect(result.headers.get(FUNCTION_ERROR_HEADER)).toBeNull();
      const body = result.json() as { context: Record<string, unknown> } & Record<string, unknown>;
      expect(body).toMatchObject({
        event: { hello: 'ruby', n: [1.5, null] },
        context: {
          aws_request_id: 'rb-1',
          function_name: 'rb-echo',
          function_version: '$LATEST',
          memory_limit_in_mb: '256',
          invoked_function_arn: 'arn:aws:lambda:us-east-1:000000000000:function:rb-echo',
          log_group_name: '/aws/lambda/rb-echo',
        },
        env: {
          AWS_LAMBDA_RUNTIME_API: '127.0.0.1:9001',
          LAMBDA_TASK_ROOT: '/var/task',
          _HANDLER: 'app.handler',
        },
        user: 993,
      });
      expect(body.context.remaining_time_in_millis).toBeGreaterThan(1000);
      expect(body.context.remaining_time_in_millis).toBeLessThanOrEqual(3000);
    });

    it('serves 200 sequential invokes', async () => {
      for (let i = 0; i < 200; i++) {
        expect((await fn.invoke({ i })).json()).toMatchObject({ event: { i } });
      }
    });
  });

  it('runs a Module::Class.method handler using a library from a layer', async () => {
    const fn = await start('greeter.Greetings::Greeter.greet');
    const result = await fn.invoke(
      { pathParameters: { name: 'rubyist' } },
      { 'X-Request-Id': 'rb-2' },
    );
    const reply = result.json() as { statusCode: number; body: string };
    expect(reply.statusCode).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({
      greeting: 'hello rubyist from ruby',
      requestId: 'rb-2',
    });
  });

  it('reports an exception as Function<Class> with the message and backtrace', async () => {
    const fn = await start('app.fail');
    const result = await fn.invoke({ message: 'bad input' });
    expect(result.status).toBe(200);
    expect(result.headers.get(FUNCTION_ERROR_HEADER)).toBe('Unhandled');
    const body = result.json() as { stackTrace: string[] };
    expect(body).toMatchObject({
      errorType: 'Function<ValidationError>',
      errorMessage: 'bad input',
    });
    expect(body.stackTrace[0]).toMatch(/^\/var\/task\/app\.rb:\d+:in `fail'$/);
    expect(body.stackTrace.join('\n')).not.toContain('bootstrap.rb');
  });

  it('times out with the AWS error and a fresh runtime serves the next invoke', async () => {
    const fn = await start('app.sleep_ms', { AWS_LAMBDA_FUNCTION_TIMEOUT: '2' });
    const timedOut = await fn.invoke({ ms: 8000 }, { 'X-Request-Id': 'rb-timeout' });
    expect(timedOut.status).toBe(504);
    expect(timedOut.json()).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: 'RequestId: rb-timeout Error: Task timed out after 2.00 seconds',
    });
    expect((await fn.invoke({ ms: 5 })).json()).toEqual({ slept: 5 });
  });

  it('answers a crash with Runtime.ExitError and restarts the runtime', async () => {
    const fn = await start('app.crash');
    const crashed = await fn.invoke({ exitCode: 3 }, { 'X-Request-Id': 'rb-crash' });
    expect(crashed.status).toBe(502);
    expect(crashed.json()).toEqual({
      errorType: 'Runtime.ExitError',
      errorMessage: 'RequestId: rb-crash Error: Runtime exited with error: exit status 3',
    });
  });

  it.each([
    [
      'a file that raises while loading',
      'broken.handler',
      'Init<ArgumentError>',
      'cannot initialise',
    ],
    ['a missing file', 'missing.handler', 'Init<LoadError>', '/var/task/missing.rb'],
    ['a missing method', 'app.nothing', 'Init<NoMethodError>', "undefined method `nothing'"],
    ['a missing class', 'app.Nope::Handler.call', 'Init<NameError>', 'Nope'],
    ['a malformed handler', 'app', 'Init<Runtime.MalformedHandlerName>', "Bad handler 'app'"],
  ])('reports %s as an init error', async (_name, handler, errorType, message) => {
    const fn = await start(handler);
    const result = await fn.invoke({});
    expect(result.headers.get(FUNCTION_ERROR_HEADER)).toBe('Unhandled');
    const body = result.json() as { errorType: string; errorMessage: string };
    expect(body.errorType).toBe(errorType);
    expect(body.errorMessage).toContain(message);
  });

  it('writes puts and Logger output as log lines of the request', async () => {
    const fn = await start('app.logs');
    await fn.invoke({}, { 'X-Request-Id': 'rb-logs' });
    await fn.waitForLog((line) => line.type === 'platform.report' && line.requestId === 'rb-logs');
    const messages = (await fn.logLines())
      .filter((line) => line.requestId === 'rb-logs')
      .map((line) => line.message as string);
    expect(messages).toContain('hello from rb-echo');
    expect(messages.some((message) => /WARN -- : careful$/.test(message))).toBe(true);
  });
});
