import { Injectable } from '@nestjs/common';
import { Agent, request } from 'undici';
import { INVOKE_PATH, REQUEST_ID_HEADER } from '@app/contracts';
import { UpstreamBrokenError, UpstreamUnreachableError } from './invocation-errors';
import type { UpstreamResponse } from './invocation-outcome';
import type { UpstreamCall, UpstreamInvoker } from './ports';

/** Error codes meaning the request never reached the container. */
export const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Invokes containers over keep-alive connection pools (one per container origin). */
@Injectable()
export class UndiciUpstreamInvoker implements UpstreamInvoker {
  private readonly agent = new Agent({ keepAliveTimeout: 30_000, connect: { timeout: 5_000 } });

  async invoke(
    containerUrl: string,
    payload: Buffer,
    call: UpstreamCall,
  ): Promise<UpstreamResponse> {
    try {
      const response = await request(`${containerUrl}${INVOKE_PATH}`, {
        method: 'POST',
        body: payload,
        headers: {
          'content-type': 'application/json',
          [REQUEST_ID_HEADER]: call.requestId,
          ...call.headers,
        },
        dispatcher: this.agent,
        headersTimeout: call.timeoutMs,
        bodyTimeout: call.timeoutMs,
      });
      const body = Buffer.from(await response.body.arrayBuffer());
      return { statusCode: response.statusCode, headers: response.headers, body };
    } catch (error) {
      const code = codeOf(error) ?? codeOf((error as { cause?: unknown }).cause);
      const message = `${containerUrl}: ${error instanceof Error ? error.message : String(error)}`;
      if (code && UNREACHABLE_CODES.has(code)) throw new UpstreamUnreachableError(message);
      throw new UpstreamBrokenError(code !== undefined && TIMEOUT_CODES.has(code), message);
    }
  }

  onApplicationShutdown(): Promise<void> {
    return this.agent.close();
  }
}
