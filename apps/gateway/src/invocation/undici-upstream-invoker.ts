import { Injectable } from '@nestjs/common';
import { Agent, request } from 'undici';
import { INVOKE_PATH, INVOKE_TOKEN_HEADER, REQUEST_ID_HEADER } from '@app/contracts';
import { invokeTokenFor } from '@app/platform';
import { GatewayEnv } from '../config/gateway-env';
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

/**
 * Invokes containers over keep-alive connection pools (one per container origin), presenting the
 * function's invoke token (the containers of other functions refuse it; see docs/security.md).
 */
@Injectable()
export class UndiciUpstreamInvoker implements UpstreamInvoker {
  private readonly agent = new Agent({ keepAliveTimeout: 30_000, connect: { timeout: 5_000 } });
  /** One HMAC per function name; only configured functions ever get a lease, so it stays small. */
  private readonly tokens = new Map<string, string>();

  constructor(private readonly env: GatewayEnv) {}

  private tokenOf(functionName: string): string {
    let token = this.tokens.get(functionName);
    if (token === undefined) {
      token = invokeTokenFor(this.env.MANAGER_TOKEN, functionName);
      this.tokens.set(functionName, token);
    }
    return token;
  }

  async invoke(
    containerUrl: string,
    payload: Buffer,
    call: UpstreamCall,
  ): Promise<UpstreamResponse> {
    // undici's bodyTimeout is per chunk: an answer trickled a byte a second would never trip it.
    // The whole exchange gets the deadline.
    const deadline = AbortSignal.timeout(call.timeoutMs);
    try {
      const response = await request(`${containerUrl}${INVOKE_PATH}`, {
        signal: deadline,
        method: 'POST',
        body: payload,
        headers: {
          'content-type': 'application/json',
          [REQUEST_ID_HEADER]: call.requestId,
          ...call.headers,
          [INVOKE_TOKEN_HEADER]: this.tokenOf(call.functionName),
        },
        dispatcher: this.agent,
        headersTimeout: call.timeoutMs,
        bodyTimeout: call.timeoutMs,
      });
      const body = Buffer.from(await response.body.arrayBuffer());
      return { statusCode: response.statusCode, headers: response.headers, body };
    } catch (error) {
      if (deadline.aborted) {
        throw new UpstreamBrokenError(
          true,
          `${containerUrl}: no whole answer in ${call.timeoutMs} ms`,
        );
      }
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
