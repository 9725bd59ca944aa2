import { billedDurationMs, endLine, reportLine, startLine } from './platform-lines';

describe('platform lines', () => {
  it('formats START and END like Lambda', () => {
    expect(startLine('req-1', '$LATEST')).toBe('START RequestId: req-1 Version: $LATEST');
    expect(endLine('req-1')).toBe('END RequestId: req-1');
  });

  it.each([
    [0.2, 1],
    [1, 1],
    [1.01, 2],
    [12.5, 13],
    [3000, 3000],
  ])('bills %d ms as %d ms', (duration, billed) => {
    expect(billedDurationMs(duration)).toBe(billed);
  });

  it.each([
    [
      'a warm invocation',
      { requestId: 'r', durationMs: 12.345, memorySizeMb: 128, maxMemoryUsedMb: 41 },
      'REPORT RequestId: r\tDuration: 12.35 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 41 MB',
    ],
    [
      'the first invocation after init',
      {
        requestId: 'r',
        durationMs: 2,
        memorySizeMb: 256,
        maxMemoryUsedMb: 50,
        initDurationMs: 81.5,
      },
      'REPORT RequestId: r\tDuration: 2.00 ms\tBilled Duration: 2 ms\tMemory Size: 256 MB\tMax Memory Used: 50 MB\tInit Duration: 81.50 ms',
    ],
    [
      'a timeout',
      {
        requestId: 'r',
        durationMs: 1000.4,
        memorySizeMb: 128,
        maxMemoryUsedMb: 40,
        status: 'timeout' as const,
      },
      'REPORT RequestId: r\tDuration: 1000.40 ms\tBilled Duration: 1001 ms\tMemory Size: 128 MB\tMax Memory Used: 40 MB\tStatus: timeout',
    ],
    [
      'a crash',
      {
        requestId: 'r',
        durationMs: 5,
        memorySizeMb: 128,
        maxMemoryUsedMb: 40,
        status: 'error' as const,
        errorType: 'Runtime.ExitError',
      },
      'REPORT RequestId: r\tDuration: 5.00 ms\tBilled Duration: 5 ms\tMemory Size: 128 MB\tMax Memory Used: 40 MB\tStatus: error\tError Type: Runtime.ExitError',
    ],
  ])('formats REPORT for %s', (_name, report, expected) => {
    expect(reportLine(report)).toBe(expected);
  });
});
