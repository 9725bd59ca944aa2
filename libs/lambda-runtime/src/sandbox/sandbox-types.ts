import type { LambdaInvokeError } from '@app/contracts';

export interface InvokeRequest {
  requestId: string;
  event: Buffer;
  clientContext?: string;
  cognitoIdentity?: string;
  /** The caller's `X-Amzn-Trace-Id` (API Gateway sends one); a new one is made when absent. */
  traceId?: string;
  /** `X-Amz-Log-Type: Tail`: answer the end of the invocation's log with the result. */
  logTail?: boolean;
}

/** What the invoke endpoint answers: a status, the body and whether it is a function error. */
export interface InvokeOutcome {
  status: number;
  body: Buffer | LambdaInvokeError;
  functionError?: 'Unhandled';
  /** The last 4 KB of the invocation's log, when the caller asked for it. */
  logTail?: Buffer;
  /** A streaming response: the runtime's request body, passed on as it arrives (`body` is empty). */
  stream?: StreamedResponse;
}

/** What a runtime streams (`Lambda-Runtime-Function-Response-Mode: streaming`). */
export interface StreamedResponse {
  contentType: string;
  /** The runtime client's request: chunks as written; trailers carry a mid-stream error. */
  body: import('node:http').IncomingMessage;
}

/** Keeps one invocation's log lines for `X-Amz-Log-Type: Tail` (logging/log-tail.ts). */
export interface LogTails {
  start(requestId: string): void;
  take(requestId: string): Buffer;
}

/** An error answer marked `X-Amz-Function-Error: Unhandled`. */
export function unhandled(status: number, body: LambdaInvokeError): InvokeOutcome {
  return { status, body, functionError: 'Unhandled' };
}

/** `exited`: the runtime ended while idle; the next invoke starts a new one (so it counts as ready). */
export type SandboxPhase = 'initialising' | 'ready' | 'exited' | 'init-failed' | 'stopped';

export interface Readiness {
  phase: SandboxPhase;
  initError?: LambdaInvokeError;
}

export interface Clock {
  /** Wall clock, epoch milliseconds (deadlines). */
  epochMs(): number;
  /** Monotonic milliseconds (durations). */
  monotonicMs(): number;
}

export const systemClock: Clock = {
  epochMs: () => Date.now(),
  monotonicMs: () => performance.now(),
};

/** Largest event or response Lambda passes on a synchronous invoke (6 MB). */
export const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;
