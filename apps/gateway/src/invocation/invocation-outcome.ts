import { FUNCTION_ERROR_HEADER, RUNTIME_ERROR_TYPE, RUNTIME_STATUS } from '@app/contracts';

/** A container's answer to one invoke, as the upstream client returns it. */
export interface UpstreamResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * What an invocation produced. `functionError` covers handler errors and init errors; `timeout` and
 * `crashed` are the runtime's own verdicts; `busy` means the container was serving someone else.
 */
export type InvocationOutcome =
  | { kind: 'success'; payload: Buffer }
  | { kind: 'functionError'; payload: Buffer; errorType: string }
  | { kind: 'timeout'; payload: Buffer; errorType: string }
  | { kind: 'crashed'; payload: Buffer; errorType: string }
  | { kind: 'busy' };

/** What an invocation finally produced, once a busy container has been retried elsewhere. */
export type FunctionOutcome = Exclude<InvocationOutcome, { kind: 'busy' }>;

function errorTypeOf(body: Buffer): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { errorType, errorMessage, statusCode } = parsed as Record<string, unknown>;
    if (typeof errorMessage !== 'string' || statusCode !== undefined) return undefined;
    return typeof errorType === 'string' ? errorType : 'Unhandled';
  } catch {
    return undefined;
  }
}

function isTimeout(errorType: string | undefined, body: Buffer): boolean {
  return errorType === RUNTIME_ERROR_TYPE.timeout || body.includes('Task timed out');
}

/**
 * Classifies a container's answer. Our runtime marks errors with `X-Amz-Function-Error` and a status;
 * the AWS RIE answers 200 with the error document and no header, so an `errorMessage` document counts
 * as an error too.
 */
export function classifyUpstreamResponse(response: UpstreamResponse): InvocationOutcome {
  const { statusCode, body } = response;
  if (statusCode === RUNTIME_STATUS.busy) return { kind: 'busy' };
  const flagged = response.headers[FUNCTION_ERROR_HEADER] !== undefined;
  const errorType = errorTypeOf(body);
  if (statusCode === RUNTIME_STATUS.timeout || (errorType && isTimeout(errorType, body))) {
    return { kind: 'timeout', payload: body, errorType: errorType ?? RUNTIME_ERROR_TYPE.timeout };
  }
  if (statusCode !== RUNTIME_STATUS.ok) {
    return { kind: 'crashed', payload: body, errorType: errorType ?? RUNTIME_ERROR_TYPE.crashed };
  }
  if (flagged || errorType !== undefined) {
    return { kind: 'functionError', payload: body, errorType: errorType ?? 'Unhandled' };
  }
  return { kind: 'success', payload: body };
}
