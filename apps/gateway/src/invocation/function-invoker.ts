import { Inject, Injectable } from '@nestjs/common';
import { LOG_RESULT_HEADER, RUNTIME_ERROR_TYPE, TRACE_ID_HEADER } from '@app/contracts';
import { CLOCK, type Clock } from '@app/platform';
import { InvocationTraces } from '../core/invocation-traces';
import { ActivityLog } from './activity-log';
import { ContainerPool, type Lease } from './container-pool';
import {
  InvocationFailure,
  UpstreamBrokenError,
  UpstreamUnreachableError,
} from './invocation-errors';
import { classifyUpstreamResponse, FunctionOutcome } from './invocation-outcome';
import { UPSTREAM_INVOKER, type UpstreamInvoker } from './ports';

/** A log tail as the runtime answers it: base64 of at most 4 KB (anything else is not passed on). */
const LOG_RESULT_PATTERN = /^[A-Za-z0-9+/]{0,5464}={0,2}$/;

/** Beyond the function's own timeout, how long the Gateway waits for the runtime's verdict. */
export const UPSTREAM_GRACE_MS = 2000;

export interface InvocationResult {
  outcome: FunctionOutcome;
  cacheHit: boolean;
  coldStart: boolean;
  /** The log tail the container answered (`X-Amz-Log-Result`, base64) when it was asked for one. */
  logResult?: string;
}

interface ContainerAnswer {
  outcome: FunctionOutcome;
  logResult?: string;
}

function errorDocument(errorType: string, errorMessage: string): Buffer {
  return Buffer.from(JSON.stringify({ errorType, errorMessage }), 'utf8');
}

/**
 * The cached proxy: runs one invocation on a pooled container (container lookup and pooling in
 * `ContainerPool`, the Manager round trip only on a cache miss or a scale-up). A container that cannot be reached is dropped and the
 * call retried once on a fresh address; a busy one (another caller got there first) is retried once.
 * Each call carries a new trace header, remembered with the container that got it.
 */
@Injectable()
export class FunctionInvoker {
  constructor(
    private readonly pool: ContainerPool,
    @Inject(UPSTREAM_INVOKER) private readonly upstream: UpstreamInvoker,
    private readonly activity: ActivityLog,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly traces: InvocationTraces,
  ) {}

  async invoke(
    functionName: string,
    payload: Buffer,
    requestId: string,
    headers?: Record<string, string>,
  ): Promise<InvocationResult> {
    for (let attempt = 1; ; attempt += 1) {
      const lease = await this.pool.acquire(functionName, requestId);
      const answer = await this.callContainer(lease, payload, requestId, headers);
      if (answer === 'retry') {
        if (attempt < 2) continue;
        throw new InvocationFailure('unavailable', `${functionName}: no reachable container`);
      }
      this.activity.record(functionName, lease.url, this.clock.now());
      return { ...answer, cacheHit: lease.cacheHit, coldStart: lease.coldStart };
    }
  }

  private async callContainer(
    lease: Lease,
    payload: Buffer,
    requestId: string,
    headers?: Record<string, string>,
  ): Promise<ContainerAnswer | 'retry'> {
    const timeoutMs = lease.timeoutSeconds * 1000 + UPSTREAM_GRACE_MS;
    const { functionName, containerName } = lease;
    const trace = this.traces.begin({ functionName, containerName, requestId });
    try {
      const response = await this.upstream.invoke(lease.url, payload, {
        functionName,
        requestId,
        timeoutMs,
        headers: { ...headers, [TRACE_ID_HEADER]: trace },
      });
      this.pool.release(lease);
      const outcome = classifyUpstreamResponse(response);
      if (outcome.kind === 'busy') return 'retry';
      const logResult = response.headers[LOG_RESULT_HEADER];
      const usable = typeof logResult === 'string' && LOG_RESULT_PATTERN.test(logResult);
      return { outcome, ...(usable ? { logResult } : {}) };
    } catch (error) {
      const unreachable = error instanceof UpstreamUnreachableError;
      this.pool.drop(lease, requestId, unreachable);
      if (unreachable) return 'retry';
      if (error instanceof UpstreamBrokenError && error.timedOut) {
        const message = `Task timed out after ${lease.timeoutSeconds.toFixed(2)} seconds`;
        const type = RUNTIME_ERROR_TYPE.timeout;
        return {
          outcome: { kind: 'timeout', errorType: type, payload: errorDocument(type, message) },
        };
      }
      const type = RUNTIME_ERROR_TYPE.crashed;
      const message = error instanceof Error ? error.message : String(error);
      return {
        outcome: { kind: 'crashed', errorType: type, payload: errorDocument(type, message) },
      };
    } finally {
      this.traces.end(trace);
    }
  }
}
