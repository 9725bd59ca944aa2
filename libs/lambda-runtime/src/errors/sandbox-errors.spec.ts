import {
  busyError,
  describeExit,
  exitError,
  formatSeconds,
  initTimeoutError,
  invalidEventError,
  payloadTooLargeError,
  timeoutError,
} from './sandbox-errors';

describe('sandbox errors', () => {
  it.each([
    [3000, '3.00'],
    [1500, '1.50'],
    [900000, '900.00'],
    [250, '0.25'],
  ])('formats %d ms as %s seconds', (ms, text) => {
    expect(formatSeconds(ms)).toBe(text);
  });

  it('words a timeout like Lambda', () => {
    expect(timeoutError('abc', 3000)).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: 'RequestId: abc Error: Task timed out after 3.00 seconds',
    });
  });

  it.each([
    [3, null, 'exit status 3'],
    [0, null, 'exit status 0'],
    [null, 'SIGKILL', 'signal: killed'],
    [null, 'SIGSEGV', 'signal: SIGSEGV'],
    [null, null, 'exit status unknown'],
  ])('describes exit code %p signal %p as %s', (code, signal, text) => {
    expect(describeExit(code, signal)).toBe(text);
  });

  it('words a crash with and without a request', () => {
    expect(exitError('abc', 1, null)).toEqual({
      errorType: 'Runtime.ExitError',
      errorMessage: 'RequestId: abc Error: Runtime exited with error: exit status 1',
    });
    expect(exitError(undefined, 2, null).errorMessage).toBe(
      'Error: Runtime exited with error: exit status 2',
    );
  });

  it('names the remaining cases', () => {
    expect(initTimeoutError(10000)).toEqual({
      errorType: 'Runtime.InitError',
      errorMessage: 'Init timed out after 10.00 seconds',
    });
    expect(busyError().errorType).toBe('Runtime.Busy');
    expect(invalidEventError('Unexpected token').errorMessage).toBe(
      'Could not parse request body into json: Unexpected token',
    );
    expect(payloadTooLargeError('response', 7, 6)).toEqual({
      errorType: 'Function.ResponseSizeTooLarge',
      errorMessage:
        'Response payload size (7 bytes) exceeded maximum allowed payload size (6 bytes).',
    });
    expect(payloadTooLargeError('request', 7, 6).errorType).toBe('RequestEntityTooLargeException');
  });
});
