import type { EnsureReason, EnsureResponseDto, HeartbeatRequestDto } from '@app/contracts';
import type { UpstreamResponse } from './invocation-outcome';

/** The Manager's internal API, as the Gateway uses it. Errors are `ManagerCallError`s. */
export interface ManagerClient {
  /**
   * `count`: on `scale`, how many more containers would be used now (started in parallel).
   * `touch`: the caller sends to a returned container next (paused ones are unpaused).
   */
  ensure(
    functionName: string,
    reason: EnsureReason,
    requestId: string,
    count?: number,
    touch?: boolean,
  ): Promise<EnsureResponseDto>;
  heartbeat(report: HeartbeatRequestDto): Promise<void>;
  /** True when the Manager answers its readiness probe. */
  ready(): Promise<boolean>;
}
export const MANAGER_CLIENT = Symbol('ManagerClient');

/** The names of the functions the Manager configures. */
export interface FunctionList {
  functions(): Promise<string[]>;
}
export const FUNCTION_LIST = Symbol('FunctionList');

export interface UpstreamCall {
  /** Whose container: its invoke endpoint asks for that function's token. */
  functionName: string;
  requestId: string;
  timeoutMs: number;
  /** Extra headers for the container (e.g. `X-Amz-Log-Type`). */
  headers?: Record<string, string>;
}

/**
 * Posts an event to a container's invoke endpoint. Throws `UpstreamUnreachableError` when nothing
 * was sent and `UpstreamBrokenError` when the exchange failed midway or timed out.
 */
export interface UpstreamInvoker {
  invoke(containerUrl: string, payload: Buffer, call: UpstreamCall): Promise<UpstreamResponse>;
}
export const UPSTREAM_INVOKER = Symbol('UpstreamInvoker');
