import type { EnsureResponseDto } from '@app/contracts';
import { ActivityLog } from './activity-log';
import { ContainerPool } from './container-pool';
import { FunctionInvoker } from './function-invoker';
import { UpstreamBrokenError, UpstreamUnreachableError } from './invocation-errors';
import { InvocationTraces } from '../core/invocation-traces';
import type { UpstreamResponse } from './invocation-outcome';
import type { ManagerClient, UpstreamCall, UpstreamInvoker } from './ports';

/** Manager that always lists the containers the test sets. */
class ListingManager implements ManagerClient {
  ensureCount = 0;
  constructor(public urls: string[]) {}
  async ensure(name: string): Promise<EnsureResponseDto> {
    this.ensureCount += 1;
    const containers = this.urls.map((url, index) => ({
      id: `${index}`,
      name: `lambda-${new URL(url).host}`,
      url,
    }));
    return { function: name, containers, started: 0, maxContainers: 4, timeoutSeconds: 3 };
  }
  async heartbeat(): Promise<void> {}
  async ready(): Promise<boolean> {
    return true;
  }
}

/** Upstream whose answer per URL the test scripts (an Error is thrown). */
class ScriptedUpstream implements UpstreamInvoker {
  readonly calls: Array<{ url: string; call: UpstreamCall }> = [];
  constructor(private readonly answers: Record<string, Array<UpstreamResponse | Error>>) {}
  async invoke(url: string, _payload: Buffer, call: UpstreamCall): Promise<UpstreamResponse> {
    this.calls.push({ url, call });
    const answer = this.answers[url].shift() as UpstreamResponse | Error;
    if (answer instanceof Error) throw answer;
    return answer;
  }
}

const ok = (body: unknown): UpstreamResponse => ({
  statusCode: 200,
  headers: {},
  body: Buffer.from(JSON.stringify(body)),
});
const clock = { now: () => Date.UTC(2026, 0, 1), sleep: async () => undefined };

function invokerFor(
  manager: ListingManager,
  upstream: ScriptedUpstream,
  log = new ActivityLog(),
  traces = new InvocationTraces(clock),
) {
  const pool = new ContainerPool(manager, clock, {
    cacheTtlMs: 60_000,
    maxQueue: 5,
    queueTimeoutMs: 1000,
    heartbeatIntervalMs: 10_000,
  });
  return new FunctionInvoker(pool, upstream, log, clock, traces);
}

describe('FunctionInvoker', () => {
  it('invokes with the request id and a deadline past the function timeout, and logs activity', async () => {
    const upstream = new ScriptedUpstream({ 'http://a': [ok({ hi: 1 })] });
    const log = new ActivityLog();
    const result = await invokerFor(new ListingManager(['http://a']), upstream, log).invoke(
      'fn',
      Buffer.from('{}'),
      'req-9',
    );
    expect(result.outcome).toEqual({ kind: 'success', payload: Buffer.from('{"hi":1}') });
    expect(upstream.calls[0].call).toMatchObject({ requestId: 'req-9', timeoutMs: 5000 });
    expect(log.drain()).toEqual([
      { function: 'fn', url: 'http://a', lastActiveAt: '2026-01-01T00:00:00.000Z', invocations: 1 },
    ]);
  });

  it('sends each call a new trace header, tied to the container and request that got it', async () => {
    const upstream = new ScriptedUpstream({
      'http://dead': [new UpstreamUnreachableError('refused')],
      'http://alive': [ok('done')],
    });
    const manager = new ListingManager(['http://dead']);
    const traces = new InvocationTraces(clock);
    const pending = invokerFor(manager, upstream, new ActivityLog(), traces).invoke(
      'fn',
      Buffer.from('{}'),
      'req-t',
      { 'x-amz-log-type': 'None' },
    );
    manager.urls = ['http://alive'];
    await pending;
    const sent = upstream.calls.map((call) => call.call.headers?.['x-amzn-trace-id']);
    expect(new Set(sent).size).toBe(2);
    expect(upstream.calls[1].call.headers).toMatchObject({ 'x-amz-log-type': 'None' });
    expect(sent.map((header) => traces.find(header))).toEqual([
      { functionName: 'fn', containerName: 'lambda-dead', requestId: 'req-t' },
      { functionName: 'fn', containerName: 'lambda-alive', requestId: 'req-t' },
    ]);
  });

  it('drops an unreachable container and retries once on a fresh address', async () => {
    const manager = new ListingManager(['http://dead']);
    const upstream = new ScriptedUpstream({
      'http://dead': [new UpstreamUnreachableError('refused')],
      'http://alive': [ok('done')],
    });
    const invoker = invokerFor(manager, upstream);
    const pending = invoker.invoke('fn', Buffer.from('{}'), 'r');
    manager.urls = ['http://alive'];
    const result = await pending;
    expect(result.outcome.kind).toBe('success');
    expect(upstream.calls.map((call) => call.url)).toEqual(['http://dead', 'http://alive']);
    expect(manager.ensureCount).toBe(2);
  });

  it('gives up as unavailable after the second unreachable container', async () => {
    const upstream = new ScriptedUpstream({
      'http://dead': [new UpstreamUnreachableError('a'), new UpstreamUnreachableError('b')],
    });
    const invoker = invokerFor(new ListingManager(['http://dead']), upstream);
    await expect(invoker.invoke('fn', Buffer.from('{}'), 'r')).rejects.toMatchObject({
      reason: 'unavailable',
    });
  });

  it.each([
    [new UpstreamBrokenError(true, 'slow'), 'timeout', 'Sandbox.Timedout'],
    [new UpstreamBrokenError(false, 'reset'), 'crashed', 'Runtime.ExitError'],
  ])('turns %s into a %s outcome with an AWS error document', async (error, kind, errorType) => {
    const upstream = new ScriptedUpstream({ 'http://a': [error] });
    const { outcome } = await invokerFor(new ListingManager(['http://a']), upstream).invoke(
      'fn',
      Buffer.from('{}'),
      'r',
    );
    expect(outcome).toMatchObject({ kind, errorType });
    expect(JSON.parse(('payload' in outcome ? outcome.payload : '').toString())).toHaveProperty(
      'errorType',
      errorType,
    );
  });

  it('retries a busy container once', async () => {
    const busy: UpstreamResponse = { statusCode: 409, headers: {}, body: Buffer.from('{}') };
    const upstream = new ScriptedUpstream({ 'http://a': [busy, ok(1)] });
    const { outcome } = await invokerFor(new ListingManager(['http://a']), upstream).invoke(
      'fn',
      Buffer.from('{}'),
      'r',
    );
    expect(outcome.kind).toBe('success');
    expect(upstream.calls).toHaveLength(2);
  });
});

describe('ActivityLog', () => {
  it('aggregates per container and empties on drain', () => {
    const log = new ActivityLog();
    log.record('fn', 'http://a', 0);
    log.record('fn', 'http://a', 1000);
    log.record('other', 'http://b', 500);
    expect(log.drain()).toEqual([
      { function: 'fn', url: 'http://a', lastActiveAt: '1970-01-01T00:00:01.000Z', invocations: 2 },
      {
        function: 'other',
        url: 'http://b',
        lastActiveAt: '1970-01-01T00:00:00.500Z',
        invocations: 1,
      },
    ]);
    expect(log.drain()).toEqual([]);
  });
});
