import { FUNCTION_ERROR_HEADER } from '@app/contracts';
import { testDocker } from '../support/docker';
import { FunctionTestRun } from './runtime-harness';

/** Errors, timeouts, crashes, busy and init failures of our node runtime, in real containers. */
describe('node runtime image: failures (real containers)', () => {
  const docker = testDocker();
  const run = new FunctionTestRun(docker, 'runtime-node-failures');
  const start = (handler: string, env: Record<string, string> = {}) =>
    run.start(handler, { AWS_LAMBDA_FUNCTION_NAME: 'flaky', ...env });

  beforeAll(() => run.build('onpre-lambda/runtime-nodejs:20', 'node'));
  afterAll(() => run.cleanup());

  it.each([
    ['a thrown error', 'app.fail', 'TypeError', 'bad input'],
    ['a callback error', 'app.callbackError', 'RangeError', 'out of range'],
    ['an error thrown from a timer', 'app.uncaught', 'Error', 'thrown from a timer'],
  ])('reports %s as an unhandled function error', async (_name, handler, errorType, message) => {
    const fn = await start(handler);
    const result = await fn.invoke({ message: 'bad input' });
    expect(result.status).toBe(200);
    expect(result.headers.get(FUNCTION_ERROR_HEADER)).toBe('Unhandled');
    const body = result.json() as { errorType: string; errorMessage: string; trace: string[] };
    expect(body).toMatchObject({ errorType, errorMessage: message });
    expect(body.trace[0]).toBe(`${errorType}: ${message}`);
  });

  it('times out with the AWS error and a fresh runtime serves the next invoke', async () => {
    const fn = await start('app.sleep', { AWS_LAMBDA_FUNCTION_TIMEOUT: '1' });
    const timedOut = await fn.invoke({ ms: 5000 }, { 'X-Request-Id': 'req-timeout' });
    expect(timedOut.status).toBe(504);
    expect(timedOut.headers.get(FUNCTION_ERROR_HEADER)).toBe('Unhandled');
    expect(timedOut.json()).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: 'RequestId: req-timeout Error: Task timed out after 1.00 seconds',
    });
    const next = await fn.invoke({ ms: 10 });
    expect(next.status).toBe(200);
    expect(next.json()).toEqual({ slept: 10 });
  });

  it('answers a crash with an error body (never an empty 200) and restarts the runtime', async () => {
    const fn = await start('app.crash');
    const crashed = await fn.invoke({ exitCode: 3 }, { 'X-Request-Id': 'req-crash' });
    expect(crashed.status).toBe(502);
    expect(crashed.headers.get(FUNCTION_ERROR_HEADER)).toBe('Unhandled');
    expect(crashed.json()).toEqual({
      errorType: 'Runtime.ExitError',
      errorMessage: 'RequestId: req-crash Error: Runtime exited with error: exit status 3',
    });
    const next = await fn.invoke({});
    expect(next.status).toBe(200);
    expect(next.json()).toEqual({ alive: true });
  });

  it('answers a concurrent invoke with busy and leaves the one in flight intact', async () => {
    const fn = await start('app.sleep');
    const inFlight = fn.invoke({ ms: 1500 }, { 'X-Request-Id': 'req-first' });
    await fn.waitForLog((line) => line.message === 'START RequestId: req-first Version: $LATEST');
    const second = await fn.invoke({ ms: 1 }, { 'X-Request-Id': 'req-second' });
    expect(second.status).toBe(409);
    expect(second.json()).toMatchObject({ errorType: 'Runtime.Busy' });
    const first = await inFlight;
    expect(first.status).toBe(200);
    expect(first.json()).toEqual({ slept: 1500 });
    expect((await fn.invoke({ ms: 1 })).status).toBe(200);
  });

  it('reports a handler that fails to load on /health and on every invoke', async () => {
    const fn = await start('broken.handler');
    const health = await fetch(`${fn.baseUrl}/health`);
    expect(health.status).toBe(500);
    expect(await health.json()).toMatchObject({ status: 'init-failed' });
    for (let attempt = 0; attempt < 2; attempt++) {
      const result = await fn.invoke({});
      expect(result.status).toBe(200);
      expect(result.headers.get(FUNCTION_ERROR_HEADER)).toBe('Unhandled');
      expect(result.json()).toMatchObject({
        errorType: 'Error',
        errorMessage: 'cannot initialise: missing configuration',
      });
    }
  });

  it.each([
    ['a missing module', 'missing.handler', 'Runtime.ImportModuleError'],
    ['a missing export', 'app.nothing', 'Runtime.HandlerNotFound'],
    ['a malformed handler', 'app', 'Runtime.MalformedHandlerName'],
  ])('names %s the way Lambda does', async (_name, handler, errorType) => {
    const fn = await start(handler);
    expect((await fn.invoke({})).json()).toMatchObject({ errorType });
  });

  it('writes JSON log lines with request id, function and level, plus START/END/REPORT', async () => {
    const fn = await start('app.logs', { AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '192' });
    await fn.invoke({}, { 'X-Request-Id': 'req-logs-1' });
    await fn.invoke({}, { 'X-Request-Id': 'req-logs-2' });
    await fn.waitForLog(
      (line) => line.type === 'platform.report' && line.requestId === 'req-logs-2',
    );
    const lines = await fn.logLines();
    const first = lines.filter((line) => line.requestId === 'req-logs-1');
    expect(first.map((line) => [line.level, line.message])).toEqual([
      ['INFO', 'START RequestId: req-logs-1 Version: $LATEST'],
      ['INFO', 'hello from flaky'],
      ['WARN', 'careful'],
      ['ERROR', 'bad thing { code: 7 }'],
      ['INFO', 'raw line'],
      ['INFO', 'END RequestId: req-logs-1'],
      ['INFO', expect.stringMatching(/^REPORT RequestId: req-logs-1\t/)],
    ]);
    expect(first.every((line) => line.function === 'flaky')).toBe(true);
    const reports = lines.filter((line) => line.type === 'platform.report');
    expect(reports[0].message).toMatch(
      /Duration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 192 MB\tMax Memory Used: \d+ MB\tInit Duration: [\d.]+ ms$/,
    );
    expect(reports[1].message).not.toContain('Init Duration');
  });

  it('drops the function lines below AWS_LAMBDA_LOG_LEVEL and keeps the platform lines', async () => {
    const fn = await start('app.logs', { AWS_LAMBDA_LOG_LEVEL: 'WARN' });
    await fn.invoke({}, { 'X-Request-Id': 'req-level-1' });
    await fn.waitForLog(
      (line) => line.type === 'platform.report' && line.requestId === 'req-level-1',
    );
    const lines = (await fn.logLines()).filter((line) => line.requestId === 'req-level-1');
    expect(lines.map((line) => [line.level, line.message])).toEqual([
      ['INFO', 'START RequestId: req-level-1 Version: $LATEST'],
      ['WARN', 'careful'],
      ['ERROR', 'bad thing { code: 7 }'],
      ['INFO', 'END RequestId: req-level-1'],
      ['INFO', expect.stringMatching(/^REPORT RequestId: req-level-1\t/)],
    ]);
  });

  it('stops with one clear message listing every configuration problem', async () => {
    const { exitCode, lines } = await run.runToExit('app.handler', {
      AWS_LAMBDA_FUNCTION_TIMEOUT: 'soon',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '-1',
    });
    expect(exitCode).toBe(2);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'FATAL',
        message:
          'invalid runtime configuration: AWS_LAMBDA_FUNCTION_TIMEOUT must be a positive number, got "soon"; ' +
          'AWS_LAMBDA_FUNCTION_MEMORY_SIZE must be a positive integer, got "-1"',
      }),
    ]);
  });
});
