/** One invocation as the Runtime API hands it to the runtime client. */
export interface Invocation {
  requestId: string;
  event: Buffer;
  /** Wall-clock deadline, epoch milliseconds. */
  deadlineMs: number;
  invokedFunctionArn: string;
  traceId: string;
  /** JSON text, decoded from the caller's base64 `X-Amz-Client-Context`. */
  clientContext?: string;
  cognitoIdentity?: string;
}

export const RUNTIME_API_HEADERS = {
  requestId: 'lambda-runtime-aws-request-id',
  deadline: 'lambda-runtime-deadline-ms',
  functionArn: 'lambda-runtime-invoked-function-arn',
  traceId: 'lambda-runtime-trace-id',
  clientContext: 'lambda-runtime-client-context',
  cognitoIdentity: 'lambda-runtime-cognito-identity',
  functionErrorType: 'lambda-runtime-function-error-type',
} as const;

/** The headers of a `GET /runtime/invocation/next` answer. */
export function invocationHeaders(invocation: Invocation): Record<string, string> {
  const headers: Record<string, string> = {
    [RUNTIME_API_HEADERS.requestId]: invocation.requestId,
    [RUNTIME_API_HEADERS.deadline]: String(invocation.deadlineMs),
    [RUNTIME_API_HEADERS.functionArn]: invocation.invokedFunctionArn,
    [RUNTIME_API_HEADERS.traceId]: invocation.traceId,
  };
  if (invocation.clientContext) {
    headers[RUNTIME_API_HEADERS.clientContext] = invocation.clientContext;
  }
  if (invocation.cognitoIdentity) {
    headers[RUNTIME_API_HEADERS.cognitoIdentity] = invocation.cognitoIdentity;
  }
  return headers;
}

export class InvalidClientContextError extends Error {}

/**
 * The Invoke API takes the client context as base64 JSON; the Runtime API passes it on as JSON.
 * Plain JSON is accepted too (handy with curl).
 */
export function decodeClientContext(header: string | undefined): string | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  for (const candidate of [decoded, value]) {
    try {
      const parsed: unknown = JSON.parse(candidate);
      if (typeof parsed === 'object' && parsed !== null) return JSON.stringify(parsed);
    } catch {
      // try the next reading
    }
  }
  throw new InvalidClientContextError('X-Amz-Client-Context must be base64-encoded JSON');
}
