import { RUNTIME_ERROR_TYPE, type LambdaInvokeError } from '@app/contracts';

/** `3000` → `3.00`: Lambda prints timeouts in seconds with two decimals. */
export function formatSeconds(milliseconds: number): string {
  return (milliseconds / 1000).toFixed(2);
}

export function timeoutError(requestId: string, timeoutMs: number): LambdaInvokeError {
  return {
    errorType: RUNTIME_ERROR_TYPE.timeout,
    errorMessage: `RequestId: ${requestId} Error: Task timed out after ${formatSeconds(timeoutMs)} seconds`,
  };
}

/** How a process ended, worded like Lambda (`exit status 3`, `signal: killed`). */
export function describeExit(code: number | null, signal: string | null): string {
  if (signal) return `signal: ${signal === 'SIGKILL' ? 'killed' : signal}`;
  return `exit status ${code ?? 'unknown'}`;
}

export function exitError(
  requestId: string | undefined,
  code: number | null,
  signal: string | null,
): LambdaInvokeError {
  const prefix = requestId ? `RequestId: ${requestId} ` : '';
  return {
    errorType: RUNTIME_ERROR_TYPE.crashed,
    errorMessage: `${prefix}Error: Runtime exited with error: ${describeExit(code, signal)}`,
  };
}

export function initTimeoutError(initTimeoutMs: number): LambdaInvokeError {
  return {
    errorType: RUNTIME_ERROR_TYPE.initError,
    errorMessage: `Init timed out after ${formatSeconds(initTimeoutMs)} seconds`,
  };
}

export function busyError(): LambdaInvokeError {
  return {
    errorType: RUNTIME_ERROR_TYPE.busy,
    errorMessage:
      'This sandbox is already running an invocation; it serves one request at a time. Retry on another container.',
  };
}

export function invalidEventError(reason: string): LambdaInvokeError {
  return {
    errorType: 'InvalidRequestContentException',
    errorMessage: `Could not parse request body into json: ${reason}`,
  };
}

export function payloadTooLargeError(
  kind: 'request' | 'response',
  size: number,
  limit: number,
): LambdaInvokeError {
  return {
    errorType:
      kind === 'request' ? 'RequestEntityTooLargeException' : 'Function.ResponseSizeTooLarge',
    errorMessage: `${kind === 'request' ? 'Request' : 'Response'} payload size (${size} bytes) exceeded maximum allowed payload size (${limit} bytes).`,
  };
}
