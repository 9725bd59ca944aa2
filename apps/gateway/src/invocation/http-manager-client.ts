import { Inject, Injectable } from '@nestjs/common';
import { Agent, request } from 'undici';
import {
  EnsureReason,
  EnsureRequestDto,
  EnsureResponseDto,
  HeartbeatRequestDto,
  ListFunctionsResponseDto,
  MANAGER_TOKEN_HEADER,
  REQUEST_ID_HEADER,
} from '@app/contracts';
import { ManagerCallError } from './invocation-errors';
import type { FunctionList, ManagerClient } from './ports';

/** Readiness is answered quickly either way: a Manager that accepts but never answers is not ready. */
export const READY_PROBE_TIMEOUT_MS = 2000;

export const MANAGER_CLIENT_SETTINGS = Symbol('ManagerClientSettings');

export interface ManagerClientSettings {
  baseUrl: string;
  token: string;
  /** Deadline for one call; ensure may include a container start. */
  timeoutMs: number;
}

/** The Manager's HTTP API over a keep-alive pool. */
@Injectable()
export class HttpManagerClient implements ManagerClient, FunctionList {
  private readonly agent = new Agent({ keepAliveTimeout: 30_000 });
  private readonly baseUrl: string;

  constructor(@Inject(MANAGER_CLIENT_SETTINGS) private readonly settings: ManagerClientSettings) {
    this.baseUrl = settings.baseUrl.replace(/\/+$/, '');
  }

  ensure(
    functionName: string,
    reason: EnsureReason,
    requestId: string,
    count?: number,
    touch?: boolean,
  ) {
    const body: EnsureRequestDto = {
      function: functionName,
      reason,
      requestId,
      ...(count === undefined ? {} : { count }),
      ...(touch ? { touch } : {}),
    };
    return this.call<EnsureResponseDto>('POST', '/functions/ensure', requestId, body);
  }

  async heartbeat(report: HeartbeatRequestDto): Promise<void> {
    await this.call('POST', '/heartbeat', undefined, report);
  }

  async functions(): Promise<string[]> {
    const answer = await this.call<ListFunctionsResponseDto>(
      'GET',
      '/functions',
      undefined,
      undefined,
    );
    return answer.functions;
  }

  async ready(): Promise<boolean> {
    try {
      await this.call('GET', '/health/ready', undefined, undefined, READY_PROBE_TIMEOUT_MS);
      return true;
    } catch {
      return false;
    }
  }

  onApplicationShutdown(): Promise<void> {
    return this.agent.close();
  }

  private async call<T>(
    method: 'GET' | 'POST',
    path: string,
    requestId?: string,
    body?: object,
    timeoutMs = this.settings.timeoutMs,
  ) {
    let response;
    try {
      response = await request(`${this.baseUrl}${path}`, {
        method,
        headers: {
          [MANAGER_TOKEN_HEADER]: this.settings.token,
          ...(requestId ? { [REQUEST_ID_HEADER]: requestId } : {}),
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
        dispatcher: this.agent,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
    } catch (error) {
      throw new ManagerCallError(0, `manager unreachable: ${(error as Error).message}`);
    }
    const text = await response.body.text();
    if (response.statusCode >= 400) {
      throw new ManagerCallError(response.statusCode, `manager ${method} ${path}: ${text}`);
    }
    try {
      return (text ? JSON.parse(text) : undefined) as T;
    } catch {
      throw new ManagerCallError(0, `manager ${method} ${path}: answer is not JSON`);
    }
  }
}
