import { FUNCTION_ERROR_HEADER } from '@app/contracts';
import { testDocker } from '../support/docker';
import { FunctionTestRun } from './runtime-harness';

const RUNTIME = 'onpre-lambda/runtime-provided:al2023';

/**
 * Custom runtimes (provided, provided.al2, provided.al2023, go1.x) in real containers: the
 * function's own bootstrap speaks the Runtime API, as on Lambda. A shell bootstrap (bash + curl, as
 * AWS's custom-runtime tutorial writes one) and a Go binary compiled with Debian's golang.
 */
describe('custom runtime image (real containers)', () => {
  const docker = testDocker();

  describe('a shell bootstrap', () => {
    const run = new FunctionTestRun(docker, 'runtime-provided-sh');
    const start = (handler: string, env: Record<string, string> = {}) =>
      run.start(handler, { AWS_LAMBDA_FUNCTION_NAME: 'sh-echo', ...env }, { hardened: true });
    beforeAll(() => run.build(RUNTIME, 'provided'));
    afterAll(() => run.cleanup());

    it('gets the event and the invocation headers, as uid 993 on a read-only root', async () => {
      const fn = await start('echo');
      const result = await fn.invoke({ hello: 'bash' }, { 'X-Request-Id': 'req-sh-1' });
      expect(result.status).toBe(200);
      expect(result.headers.get(FUNCTION_ERROR_HEADER)).toBeNull();
      const body = result.json() as Record<string, unknown>;
      expect(body).toMatchObject({
        event: { hello: 'bash' },
        requestId: 'req-sh-1',
        arn: 'arn:aws:lambda:us-east-1:000000000000:function:sh-echo',
        functionName: 'sh-echo',
        taskRoot: '/var/task',
        user: 993,
        tmpWritable: true,
      });
      expect(body.deadlineMs).toBeGreaterThan(Date.now());
      expect((await fn.invoke({ again: 1 })).json()).toMatchObject({ event: { again: 1 } });
    });

    it('passes an error the bootstrap posts through with its type', async () => {
      const fn = await start('fail');
      const result = await fn.invoke('42');
      expect(result.status).toBe(200);
      expect(result.headers.get(FUNCTION_ERROR_HEADER)).toBe('Unhandled');
      expect(result.json()).toMatchObject({
        errorType: 'Custom.Failure',
        errorMessage: 'cannot handle 42',
        stackTrace: ['bootstrap line 30'],
      });
    });

    it('times out, ends the bootstrap and what it started, and serves the next invoke', async () => {
      // Lambda counts the restarted bootstrap's init in the next invoke: leave room for it.
      const fn = await start('sleep', { AWS_LAMBDA_FUNCTION_TIMEOUT: '3' });
      const started = Date.now();
      const timedOut = await fn.invoke('30', { 'X-Request-Id': 'req-sh-timeout' });
      expect(timedOut.status).toBe(504);
      expect(timedOut.json()).toEqual({
        errorType: 'Sandbox.Timedout',
        errorMessage: 'RequestId: req-sh-timeout Error: Task timed out after 3.00 seconds',
      });
      expect((await fn.invoke('0.01')).json()).toEqual({ slept: 0.01 });
      expect(Date.now() - started).toBeLessThan(15_000);
      const top = (await fn.container.top({ ps_args: '-o pid,comm' })) as { Processes: string[][] };
      expect(top.Processes.flat()).not.toContain('sleep');
    });

    it('answers a crash with Runtime.ExitError and restarts the bootstrap', async () => {
      const fn = await start('crash');
      const crashed = await fn.invoke({}, { 'X-Request-Id': 'req-sh-crash' });
      expect(crashed.status).toBe(502);
      expect(crashed.json()).toEqual({
        errorType: 'Runtime.ExitError',
        errorMessage: 'RequestId: req-sh-crash Error: Runtime exited with error: exit status 3',
      });
    });

    it('reports the error a bootstrap posts to /init/error', async () => {
      const fn = await start('init-error');
      const result = await fn.invoke({});
      expect(result.headers.get(FUNCTION_ERROR_HEADER)).toBe('Unhandled');
      expect(result.json()).toMatchObject({
        errorType: 'Custom.InitFailed',
        errorMessage: 'cannot read configuration',
      });
    });

    it.each([
      ['missing', 'nothing', "Error: Couldn't find valid bootstrap(s): [/var/task/nothing]"],
      [
        'not executable',
        'not-executable-bootstrap',
        'Error: fork/exec /var/task/not-executable-bootstrap: permission denied',
      ],
    ])('answers a %s go1.x handler with Runtime.InvalidEntrypoint', async (_, handler, message) => {
      const fn = await start(handler, { ONPRE_LAMBDA_RUNTIME: 'go1.x' });
      for (let attempt = 0; attempt < 2; attempt++) {
        const result = await fn.invoke({});
        expect(result.headers.get(FUNCTION_ERROR_HEADER)).toBe('Unhandled');
        expect(result.json()).toEqual({
          errorType: 'Runtime.InvalidEntrypoint',
          errorMessage: message,
        });
      }
    });
  });

  describe('a Go function (stdlib, Debian golang)', () => {
    const run = new FunctionTestRun(docker, 'runtime-provided-go');
    beforeAll(() => run.build(RUNTIME, 'go'), 180_000);
    afterAll(() => run.cleanup());

    it.each([
      ['provided.al2023 (bootstrap)', 'bootstrap', {}],
      ['go1.x (the handler names the binary)', 'hello', { ONPRE_LAMBDA_RUNTIME: 'go1.x' }],
    ])('%s answers a proxy event with its path parameter', async (_, handler, env) => {
      const fn = await run.start(
        handler,
        { AWS_LAMBDA_FUNCTION_NAME: 'go-hello', ...env },
        { hardened: true },
      );
      const result = await fn.invoke(
        { pathParameters: { name: 'gopher' } },
        { 'X-Request-Id': 'req-go-1' },
      );
      expect(result.status).toBe(200);
      const reply = result.json() as { statusCode: number; body: string };
      expect(reply.statusCode).toBe(200);
      const body = JSON.parse(reply.body) as Record<string, unknown>;
      expect(body).toMatchObject({
        greeting: 'hello gopher from go',
        requestId: 'req-go-1',
        functionName: 'go-hello',
        handler,
      });
      expect(body.remainingMs).toBeGreaterThan(1000);
      expect(body.remainingMs).toBeLessThanOrEqual(3000);
    });

    it('reports an error, a timeout and a crash as Lambda does', async () => {
      const fn = await run.start('bootstrap', {
        AWS_LAMBDA_FUNCTION_NAME: 'go-hello',
        AWS_LAMBDA_FUNCTION_TIMEOUT: '1',
      });
      const failed = await fn.invoke({ action: 'fail' });
      expect(failed.headers.get(FUNCTION_ERROR_HEADER)).toBe('Unhandled');
      expect(failed.json()).toEqual({
        errorType: 'errorString',
        errorMessage: 'cannot greet nobody',
      });
      const timedOut = await fn.invoke({ action: 'sleep', ms: 5000 });
      expect(timedOut.status).toBe(504);
      expect(timedOut.json()).toMatchObject({ errorType: 'Sandbox.Timedout' });
      const crashed = await fn.invoke({ action: 'crash' }, { 'X-Request-Id': 'req-go-crash' });
      expect(crashed.json()).toEqual({
        errorType: 'Runtime.ExitError',
        errorMessage: 'RequestId: req-go-crash Error: Runtime exited with error: exit status 3',
      });
      expect((await fn.invoke({ action: 'sleep', ms: 5 })).json()).toEqual({ slept: 5 });
    });
  });
});
