import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { readRuntimeConfig } from '../src/config/runtime-config';
import { createInvokeServer } from '../src/invoke/invoke-server';
import type { LogRecord } from '../src/logging/log-record';
import { LogTailRecorder } from '../src/logging/log-tail';
import { SandboxLogger } from '../src/logging/sandbox-logger';
import { createRuntimeApiServer } from '../src/runtime-api/runtime-api-server';
import type { MemoryProbe } from '../src/sandbox/memory-probe';
import { Sandbox } from '../src/sandbox/sandbox';
import { systemClock } from '../src/sandbox/sandbox-types';
import { ScriptedLauncher, type Script } from './scripted-runtime';

class RecordingSink {
  readonly records: LogRecord[] = [];
  write(record: LogRecord): void {
    this.records.push(record);
  }
}

/** A promise the test opens when it wants the scripted runtime to go on. */
function gate() {
  let open: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

const fixedMemory: MemoryProbe = { peakMb: () => 42 };
const INVOKE = '/2015-03-31/functions/function/invocations';

/** A sandbox with its two real HTTP servers on ephemeral ports and a scripted runtime client. */
async function startSandbox(script: Script, env: Record<string, string> = {}) {
  const config = readRuntimeConfig(
    { AWS_LAMBDA_FUNCTION_NAME: 'scripted', AWS_LAMBDA_FUNCTION_TIMEOUT: '0.3', ...env },
    ['app.handler'],
    new Date(),
    '0'.repeat(32),
  );
  const sink = new RecordingSink();
  const tails = new LogTailRecorder(sink);
  const launcher = new ScriptedLauncher(script);
  const sandbox = new Sandbox(
    config,
    launcher,
    new SandboxLogger(tails, config.functionName, config.functionVersion),
    fixedMemory,
    systemClock,
    tails,
  );
  const runtimeApi = createRuntimeApiServer(sandbox);
  const invokeServer = createInvokeServer(sandbox);
  const listen = async (server: Server) => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return `127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  launcher.address = await listen(runtimeApi);
  const base = `http://${await listen(invokeServer)}`;
  sandbox.start();
  const invoke = async (event: unknown, requestId?: string) => {
    const response = await fetch(`${base}${INVOKE}`, {
      method: 'POST',
      body: JSON.stringify(event),
      headers: requestId ? { 'x-request-id': requestId } : {},
    });
    return { status: response.status, headers: response.headers, body: await response.json() };
  };
  const health = async () => (await fetch(`${base}/health`)).status;
  const waitForHealth = async (status: number) => {
    while ((await health()) !== status) await new Promise((resolve) => setTimeout(resolve, 5));
  };
  const waitForLine = async (message: string) => {
    while (!sink.records.some((record) => record.message === message)) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  const stop = async () => {
    await sandbox.stop();
    runtimeApi.closeAllConnections();
    invokeServer.closeAllConnections();
    runtimeApi.close();
    invokeServer.close();
  };
  const raw = (init: RequestInit, path = INVOKE) => fetch(`${base}${path}`, init);
  return {
    invoke,
    raw,
    health,
    waitForHealth,
    waitForLine,
    stop,
    sink,
    launcher,
    runtimeApi: launcher.address,
  };
}

type Running = Awaited<ReturnType<typeof startSandbox>>;

describe('Sandbox with its HTTP servers (scripted runtime client)', () => {
  let running: Running | undefined;
  const start = async (script: Script, env?: Record<string, string>) => {
    running = await startSandbox(script, env);
    return running;
  };
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });
  const echo: Script = { onEvent: (event) => ({ respond: JSON.stringify({ echo: event }) }) };

  it('answers the log tail (START … REPORT, base64) with X-Amz-Log-Type: Tail, and only then', async () => {
    const sandbox = await start(echo);
    await sandbox.waitForHealth(200);
    const call = (logType?: string) =>
      sandbox.raw({
        method: 'POST',
        body: '{"n":3}',
        headers: {
          'x-request-id': `req-${logType}`,
          ...(logType ? { 'x-amz-log-type': logType } : {}),
        },
      });
    const tailed = await call('Tail');
    expect(await tailed.json()).toEqual({ echo: { n: 3 } });
    const tail = Buffer.from(tailed.headers.get('x-amz-log-result') ?? '', 'base64').toString(
      'utf8',
    );
    expect(tail.split('\n')).toEqual([
      'START RequestId: req-Tail Version: $LATEST',
      expect.stringMatching(/^\d{4}-.*Z\treq-Tail\tINFO\tgot \{"n":3\}$/),
      'END RequestId: req-Tail',
      expect.stringMatching(/^REPORT RequestId: req-Tail\tDuration: /),
      '',
    ]);
    for (const logType of ['None', undefined]) {
      const plain = await call(logType);
      expect(plain.status).toBe(200);
      expect(plain.headers.get('x-amz-log-result')).toBeNull();
    }
  });

  it('reports 503 until init ends, then serves invokes with START/END/REPORT logs', async () => {
    const init = gate();
    const sandbox = await start({ ...echo, initGate: init.promise });
    expect(await sandbox.health()).toBe(503);
    init.open();
    await sandbox.waitForHealth(200);
    const first = await sandbox.invoke({ n: 1 }, 'req-a');
    const second = await sandbox.invoke({ n: 2 }, 'req-b');
    expect(first).toMatchObject({ status: 200, body: { echo: { n: 1 } } });
    expect(first.headers.get('x-amzn-requestid')).toBe('req-a');
    expect(second.body).toEqual({ echo: { n: 2 } });
    await new Promise((resolve) => setImmediate(resolve));
    const lines = sandbox.sink.records.filter((record) => record.requestId === 'req-a');
    expect(lines.map((line) => line.message)).toEqual([
      'START RequestId: req-a Version: $LATEST',
      'got {"n":1}',
      'END RequestId: req-a',
      expect.stringMatching(/^REPORT RequestId: req-a\t.*Max Memory Used: 42 MB\tInit Duration: /),
    ]);
    const report = sandbox.sink.records.find(
      (record) => record.requestId === 'req-b' && record.type === 'platform.report',
    );
    expect(report?.message).not.toContain('Init Duration');
  });

  it('answers busy while an invocation runs and leaves that one intact', async () => {
    const release = gate();
    const sandbox = await start({
      onEvent: (event) => ({ respondWhen: release.promise, body: JSON.stringify(event) }),
    });
    const first = sandbox.invoke({ n: 1 });
    await sandbox.waitForLine('got {"n":1}');
    const second = await sandbox.invoke({ n: 2 });
    expect(second).toMatchObject({ status: 409, body: { errorType: 'Runtime.Busy' } });
    expect(second.headers.get('x-amz-function-error')).toBeNull();
    release.open();
    expect(await first).toMatchObject({ status: 200, body: { n: 1 } });
  });

  it('times out, replaces the runtime and serves the next invoke', async () => {
    const sandbox = await start({
      onEvent: (event) => (event.slow ? { hang: true } : { respond: '"fast"' }),
    });
    const timedOut = await sandbox.invoke({ slow: true }, 'req-slow');
    expect(timedOut).toMatchObject({
      status: 504,
      body: {
        errorType: 'Sandbox.Timedout',
        errorMessage: 'RequestId: req-slow Error: Task timed out after 0.30 seconds',
      },
    });
    expect(timedOut.headers.get('x-amz-function-error')).toBe('Unhandled');
    expect((await sandbox.invoke({})).body).toBe('fast');
    expect(sandbox.launcher.launches).toBe(2);
    const report = sandbox.sink.records.find(
      (record) => record.requestId === 'req-slow' && record.type === 'platform.report',
    );
    expect(report).toMatchObject({
      level: 'ERROR',
      message: expect.stringContaining('Status: timeout'),
    });
  });

  it('answers a runtime exit during an invoke with 502 and restarts', async () => {
    const sandbox = await start({
      onEvent: (event) => (event.die ? { exit: 7 } : { respond: '"alive"' }),
    });
    await sandbox.waitForHealth(200);
    const crashed = await sandbox.invoke({ die: true }, 'req-die');
    expect(crashed).toMatchObject({
      status: 502,
      body: {
        errorType: 'Runtime.ExitError',
        errorMessage: 'RequestId: req-die Error: Runtime exited with error: exit status 7',
      },
    });
    expect((await sandbox.invoke({})).body).toBe('alive');
  });

  it('passes function errors through as 200 + Unhandled', async () => {
    const sandbox = await start({
      onEvent: () => ({ fail: { errorType: 'TypeError', errorMessage: 'nope' } }),
    });
    const result = await sandbox.invoke({});
    expect(result).toMatchObject({
      status: 200,
      body: { errorType: 'TypeError', errorMessage: 'nope' },
    });
    expect(result.headers.get('x-amz-function-error')).toBe('Unhandled');
  });

  it('reports an init error on /health and retries init on each invoke', async () => {
    const sandbox = await start({ ...echo, init: 'init-error' });
    await sandbox.waitForHealth(500);
    for (const expectedLaunches of [2, 3]) {
      const result = await sandbox.invoke({});
      expect(result).toMatchObject({
        status: 200,
        body: { errorType: 'Runtime.ImportModuleError' },
      });
      expect(result.headers.get('x-amz-function-error')).toBe('Unhandled');
      expect(sandbox.launcher.launches).toBe(expectedLaunches);
    }
  });

  it.each([
    ['exits during init', 'exit' as const, 'Runtime.ExitError', {}],
    [
      'never finishes init',
      'hang' as const,
      'Runtime.InitError',
      { ONPRE_LAMBDA_INIT_TIMEOUT: '0.1' },
    ],
  ])('fails init when the runtime %s', async (_name, init, errorType, env) => {
    const sandbox = await start({ ...echo, init }, env);
    await sandbox.waitForHealth(500);
    expect((await sandbox.invoke({})).body).toMatchObject({ errorType });
  });

  it('restarts a runtime that exited while idle on the next invoke', async () => {
    let first = true;
    const sandbox = await start({
      onEvent: () => {
        if (!first) return { respond: '"restarted"' };
        first = false;
        return { respondThenExit: '"first"' };
      },
    });
    expect((await sandbox.invoke({})).body).toBe('first');
    await sandbox.waitForLine(
      'runtime exited while idle (Error: Runtime exited with error: exit status 0); next invoke restarts it',
    );
    expect(await sandbox.health()).toBe(200);
    expect(sandbox.launcher.launches).toBe(1);
    expect((await sandbox.invoke({})).body).toBe('restarted');
    expect(sandbox.launcher.launches).toBe(2);
  });

  it('rejects responses for unknown requests and oversized responses', async () => {
    const big = 'x'.repeat(6 * 1024 * 1024 + 10);
    // Posting 6 MB takes longer than the suite's 0.3 s timeout on a loaded machine: give it 10 s.
    const sandbox = await start(
      { onEvent: () => ({ respond: JSON.stringify(big) }) },
      { AWS_LAMBDA_FUNCTION_TIMEOUT: '10' },
    );
    await sandbox.waitForHealth(200);
    const stray = await fetch(
      `http://${sandbox.runtimeApi}/2018-06-01/runtime/invocation/unknown/response`,
      { method: 'POST', body: '{}' },
    );
    expect(stray.status).toBe(400);
    const result = await sandbox.invoke({});
    expect(result).toMatchObject({
      status: 200,
      body: { errorType: 'Function.ResponseSizeTooLarge' },
    });
  });

  it.each([
    [
      'a body that is not JSON',
      { method: 'POST', body: '{oops' },
      INVOKE,
      400,
      'InvalidRequestContentException',
    ],
    [
      'a client context that is not base64 JSON',
      { method: 'POST', body: '{}', headers: { 'x-amz-client-context': 'nope' } },
      INVOKE,
      400,
      'InvalidRequestContentException',
    ],
    [
      'a body over 6 MB',
      { method: 'POST', body: `"${'x'.repeat(6 * 1024 * 1024)}"` },
      INVOKE,
      413,
      'RequestEntityTooLargeException',
    ],
  ])('rejects %s without running the function', async (_name, init, path, status, errorType) => {
    const sandbox = await start(echo);
    const response = await sandbox.raw(init, path);
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ errorType });
    expect(sandbox.sink.records.some((record) => record.type === 'platform.start')).toBe(false);
  });

  it.each([
    ['GET', INVOKE, 405],
    ['POST', '/health', 405],
    ['GET', '/2015-03-31/functions', 404],
  ])('answers %s %s with %d', async (method, path, status) => {
    const sandbox = await start(echo);
    const response = await sandbox.raw({ method }, path);
    expect(response.status).toBe(status);
    expect(await response.json()).toHaveProperty('message');
  });
});
