/** The error body a Lambda invoke returns for a function error (AWS's shape). */
export interface LambdaInvokeError {
  errorType: string;
  errorMessage: string;
  stackTrace?: string[];
  requestId?: string;
}

/** Value of the `X-Amz-Function-Error` response header. */
export type FunctionErrorKind = 'Unhandled' | 'Handled';

export const FUNCTION_ERROR_HEADER = 'x-amz-function-error';

/** Invoke API: `LogType` (`None` | `Tail`) and, for `Tail`, the last 4 KB of the log in base64. */
export const LOG_TYPE_HEADER = 'x-amz-log-type';
export const LOG_RESULT_HEADER = 'x-amz-log-result';

/**
 * Statuses our runtime answers on its invoke endpoint besides 200, so callers can map them
 * (timeouts to 504, busy to retry elsewhere). RIE answers 200 with the error body; our runtime adds
 * the header `x-amz-function-error` in both cases, which is what callers should look at first.
 */
export const RUNTIME_STATUS = {
  ok: 200,
  functionError: 200,
  /** Another invocation is in flight in this container. */
  busy: 409,
  /** The invocation ran past its timeout; the body is the AWS `Task timed out` error. */
  timeout: 504,
  /** The runtime process died during the invocation; the body is an error, never empty. */
  crashed: 502,
} as const;

/** Error types our runtime reports for the cases above. */
export const RUNTIME_ERROR_TYPE = {
  timeout: 'Sandbox.Timedout',
  crashed: 'Runtime.ExitError',
  busy: 'Runtime.Busy',
  initError: 'Runtime.InitError',
} as const;
