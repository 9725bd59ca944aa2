import { Inject, Injectable } from '@nestjs/common';
import { finished } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { Agent, request } from 'undici';
import { INVOKE_PATH, REQUEST_ID_HEADER } from '@app/contracts';
import { CLOCK, type Clock } from '@app/platform';
import { ActivityLog } from './activity-log';
import { ContainerPool } from './container-pool';
import { UPSTREAM_GRACE_MS } from './function-invoker';
import { InvocationFailure } from './invocation-errors';
import { UNREACHABLE_CODES } from './undici-upstream-invoker';
import { classifyUpstreamResponse, type FunctionOutcome } from './invocation-outcome';

/** The runtime's mark of a streamed answer (`Lambda-Runtime-Function-Response-Mode`). */
const RESPONSE_MODE_HEADER = 'lambda-runtime-function-response-mode';
/** The trailer a runtime ends a stream with when the function failed mid-stream. */
export const STREAM_ERROR_TRAILER = 'lambda-runtime-function-error-type';

/** A streaming invocation: the runtime's stream, or a buffered answer (errors, non-streaming handlers). */
export type StreamedInvocation =
  | { kind: 'buffered'; outcome: FunctionOutcome }
  | {
      kind: 'stream';
      contentType: string;
      body: Readable;
      /** Resolves when the stream is over: the mid-stream error type, if any. */
      ended: Promise<string | undefined>;
    };

/**
 * Response streaming (`InvokeMode: RESPONSE_STREAM`): one invocation on a pooled container whose
 * answer is handed on as the runtime writes it; the container stays leased until the stream ends.
 * A container that cannot be reached is dropped and the call retried once, as in `FunctionInvoker`.
 */
@Injectable()
export class StreamingInvoker {
  private readonly agent = new Agent({ keepAliveTimeout: 30_000, connect: { timeout: 5_000 } });

  constructor(
    private readonly pool: ContainerPool,
    private readonly activity: ActivityLog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async invoke(
    functionName: string,
    payload: Buffer,
    requestId: string,
  ): Promise<StreamedInvocation> {
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      const lease = await this.pool.acquire(functionName, requestId);
      const timeoutMs = lease.timeoutSeconds * 1000 + UPSTREAM_GRACE_MS;
      let response;
      try {
        response = await request(`${lease.url}${INVOKE_PATH}`, {
          method: 'POST',
          body: payload,
          headers: { 'content-type': 'application/json', [REQUEST_ID_HEADER]: requestId },
          dispatcher: this.agent,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        });
      } catch (error) {
        const code = (error as { code?: string }).code;
        this.pool.drop(lease, requestId, code !== undefined && UNREACHABLE_CODES.has(code));
        if (code !== undefined && UNREACHABLE_CODES.has(code) && attempt < 2) continue;
        throw new InvocationFailure('unavailable', `${functionName}: ${(error as Error).message}`);
      }
      const settled = () => {
        this.pool.release(lease);
        this.activity.record(functionName, lease.url, this.clock.now());
      };
      if (response.headers[RESPONSE_MODE_HEADER] !== 'streaming') {
        const body = Buffer.from(await response.body.arrayBuffer());
        settled();
        const outcome = classifyUpstreamResponse({ ...response, body });
        if (outcome.kind === 'busy') continue;
        return { kind: 'buffered', outcome };
      }
      const body = response.body;
      const ended = finished(body).then(
        () => {
          settled();
          const trailer = response.trailers[STREAM_ERROR_TRAILER];
          return typeof trailer === 'string' ? trailer : undefined;
        },
        (error: unknown) => {
          this.pool.drop(lease, requestId);
          return `Runtime.StreamInterrupted (${(error as Error).message})`;
        },
      );
      const contentType = response.headers['content-type'];
      return {
        kind: 'stream',
        contentType: typeof contentType === 'string' ? contentType : 'application/octet-stream',
        body,
        ended,
      };
    }
    throw new InvocationFailure('unavailable', `${functionName}: no reachable container`);
  }

  onApplicationShutdown(): Promise<void> {
    return this.agent.close();
  }
}
