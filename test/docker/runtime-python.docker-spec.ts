import { FUNCTION_ERROR_HEADER } from '@app/contracts';
import { testDocker } from '../support/docker';
import { FunctionTestRun, type RunningFunction } from './runtime-harness';

/** Our python runtime image in real containers, driven through the RIE-compatible invoke endpoint. */
describe('python runtime image (real containers)', () => {
  const docker = testDocker();
  const run = new FunctionTestRun(docker, 'runtime-python');
  const start = (handler: string, env: Record<string, string> = {}) =>
    run.start(handler, { AWS_LAMBDA_FUNCTION_NAME: 'py-echo', ...env });

  beforeAll(() => run.build('onpre-lambda/runtime-python:3.11', 'python'));
  afterAll(() => run.cleanup());

  describe('an echo function', () => {
    let fn: RunningFunction;
    beforeAll(async () => {
      fn = await start('app.handler', { AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512' });
    });

    it('answers with the event it got and the right context and environment', async () => {
      const result = await fn.invoke(
        { hello: 'python', n: [1.5, null] },
        { 'X-Request-Id': 'req-py-1' },
      );
      expect(result.status).toBe(200);
      expect(result.headers.get(FUNCTION_ERROR_HEADER)).toBeNull();
      const body = result.json() as {
        event: unknown;
        context: Record<string, unknown>;
        env: Record<string, string>;
      };
      expect(body.event).toEqual({ hello: 'python', n: [1.5, null] });
      expect(body.context).toMatchObject({
        aws_request_id: 'req-py-1',
        function_name: 'py-echo',
        function_version: '$LATEST',
        memory_limit_in_mb: '512',
        invoked_function_arn: 'arn:aws:lambda:us-east-1:000000000000:function:py-echo',
        log_group_name: '/aws/lambda/py-echo',
      });
      expect(body.context.remaining_time_in_millis).toBeGreaterThan(1000);
      expect(body.context.remaining_time_in_millis).toBeLessThanOrEqual(3000);
      expect(body.env).toMatchObject({
        AWS_LAMBDA_FUNCTION_NAME: 'py-echo',
        AWS_LAMBDA_RUNTIME_API: '127.0.0.1:9001',
        LAMBDA_TASK_ROOT: '/var/task',
        _HANDLER: 'app.handler',
      });
    });

    it('serves 1,000 sequential invokes', async () => {
      for (let i = 0; i < 1000; i++) {
        const result = await fn.invoke({ i });
        expect((result.json() as { event: { i: number } }).event.i).toBe(i);
      }
    });
  });

  it('reports an exception as errorType / errorMessage / stackTrace', async () => {
    const fn = await start('app.fail');
    const result = await fn.invoke({ message: 'bad input' }, { 'X-Request-Id': 'req-py-err' });
    expect(result.status).toBe(200);
    expect(result.headers.get(FUNCTION_ERROR_HEADER)).toBe('Unhandled');
    const body = result.json() as { stackTrace: string[] };
    expect(body).toMatchObject({
      errorType: 'ValidationError',
      errorMessage: 'bad input',
      requestId: 'req-py-err',
    });
    expect(body.stackTrace).toHaveLength(1);
    expect(body.stackTrace[0]).toContain('/var/task/app.py');
  });

  it('times out with the AWS error and a fresh runtime serves the next invoke', async () => {
    const fn = await start('app.sleep', { AWS_LAMBDA_FUNCTION_TIMEOUT: '1' });
    const timedOut = await fn.invoke({ ms: 5000 }, { 'X-Request-Id': 'req-py-timeout' });
    expect(timedOut.status).toBe(504);
    expect(timedOut.json()).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: 'RequestId: req-py-timeout Error: Task timed out after 1.00 seconds',
    });
    expect((await fn.invoke({ ms: 5 })).json()).toEqual({ slept: 5 });
  });

  it('answers a crash with an error body and restarts the runtime', async () => {
    const fn = await start('app.crash');
    const crashed = await fn.invoke({ exitCode: 3 });
    expect(crashed.status).toBe(502);
    expect(crashed.json()).toMatchObject({
      errorType: 'Runtime.ExitError',
      errorMessage: expect.stringContaining('Runtime exited with error: exit status 3'),
    });
    expect((await fn.invoke({})).json()).toEqual({ alive: true });
  });

  it('imports modules from a layer in /opt/python, as SAM layers deliver them', async () => {
    const fn = await start('layered.handler');
    expect((await fn.invoke({ name: 'python' })).json()).toBe('hello python from a layer');
  });

  it('returns binary data base64-encoded', async () => {
    const fn = await start('app.binary');
    const body = (await fn.invoke({})).json() as { body: string };
    expect([...Buffer.from(body.body, 'base64')]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
  });

  it.each([
    ['a module that raises while loading', 'broken.handler', 'RuntimeError'],
    ['a missing module', 'missing.handler', 'Runtime.ImportModuleError'],
    ['a missing function', 'app.nothing', 'Runtime.HandlerNotFound'],
  ])('reports %s as an init error', async (_name, handler, errorType) => {
    const fn = await start(handler);
    const result = await fn.invoke({});
    expect(result.headers.get(FUNCTION_ERROR_HEADER)).toBe('Unhandled');
    expect(result.json()).toMatchObject({ errorType });
  });

  it('writes print and logging output as JSON lines of the request', async () => {
    const fn = await start('app.logs');
    await fn.invoke({}, { 'X-Request-Id': 'req-py-logs' });
    await fn.waitForLog(
      (line) => line.type === 'platform.report' && line.requestId === 'req-py-logs',
    );
    const lines = (await fn.logLines()).filter((line) => line.requestId === 'req-py-logs');
    expect(lines.map((line) => [line.level, line.message])).toEqual([
      ['INFO', 'START RequestId: req-py-logs Version: $LATEST'],
      ['INFO', 'hello from py-echo'],
      ['WARN', 'careful'],
      ['INFO', 'END RequestId: req-py-logs'],
      ['INFO', expect.stringMatching(/^REPORT RequestId: req-py-logs\tDuration: /)],
    ]);
  });
});
