import { traceRoot } from '@app/contracts';
import { InvocationTraces, TracedInvocation } from './invocation-traces';

const invocation = (n: number): TracedInvocation => ({
  functionName: 'fn',
  containerName: `lambda-fn-${n}`,
  requestId: `req-${n}`,
});

describe('InvocationTraces', () => {
  let now: number;
  let traces: InvocationTraces;

  beforeEach(() => {
    now = Date.UTC(2026, 10, 28);
    traces = new InvocationTraces(
      { now: () => now, sleep: async () => undefined },
      { retainMs: 1000, maxEntries: 3 },
    );
  });

  it('hands out a well-formed header with a fresh root per invocation', () => {
    const first = traces.begin(invocation(1));
    const second = traces.begin(invocation(1));
    expect(traceRoot(first)).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(traceRoot(second)).not.toBe(traceRoot(first));
  });

  it.each([
    ['the header as sent', (header: string) => header, true],
    ['the root alone', (header: string) => `Root=${traceRoot(header)}`, true],
    [
      'the root with another parent',
      (header: string) => `Root=${traceRoot(header)};Parent=1`,
      true,
    ],
    ['an unknown root', () => `Root=1-00000000-${'0'.repeat(24)}`, false],
    ['a malformed header', () => 'Root=nope', false],
    ['no header', () => undefined, false],
  ])('finds the invocation from %s: %s', (_name, sent, found) => {
    const header = traces.begin(invocation(7));
    expect(traces.find(sent(header))).toEqual(found ? invocation(7) : undefined);
  });

  it('keeps a finished invocation for retainMs, then forgets it on a later begin', () => {
    const header = traces.begin(invocation(1));
    traces.end(header);
    now += 1000;
    traces.begin(invocation(2));
    expect(traces.find(header)).toEqual(invocation(1));
    now += 1;
    traces.begin(invocation(3));
    expect(traces.find(header)).toBeUndefined();
    expect(traces.size).toBe(2);
  });

  it('keeps a running invocation however long it runs, within the cap', () => {
    const running = traces.begin(invocation(1));
    now += 60_000;
    traces.begin(invocation(2));
    expect(traces.find(running)).toEqual(invocation(1));
  });

  it('forgets the oldest beyond maxEntries', () => {
    const headers = [1, 2, 3, 4].map((n) => traces.begin(invocation(n)));
    expect(traces.size).toBe(3);
    expect(headers.map((header) => traces.find(header)?.containerName)).toEqual([
      undefined,
      'lambda-fn-2',
      'lambda-fn-3',
      'lambda-fn-4',
    ]);
  });
});
