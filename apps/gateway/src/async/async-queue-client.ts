import { Inject, Injectable } from '@nestjs/common';
import { Agent, request } from 'undici';
import {
  DeliveryResultDto,
  EnqueueResponseDto,
  LeasedEventDto,
  LeaseResponseDto,
  MANAGER_TOKEN_HEADER,
} from '@app/contracts';
import {
  MANAGER_CLIENT_SETTINGS,
  type ManagerClientSettings,
} from '../invocation/http-manager-client';
import { ManagerCallError } from '../invocation/invocation-errors';

/** The Manager's durable async queue, as the Gateway uses it. */
export interface AsyncQueueClient {
  /** Resolves once the event is on the Manager's disk; 429 (`ManagerCallError`) when the queue is full. */
  enqueue(functionName: string, payload: string, requestId: string): Promise<string>;
  /** Long-poll for due events; resolves `[]` when `signal` aborts. */
  lease(max: number, waitMs: number, signal: AbortSignal): Promise<LeasedEventDto[]>;
  report(id: string, result: DeliveryResultDto): Promise<void>;
}
export const ASYNC_QUEUE_CLIENT = Symbol('AsyncQueueClient');

/** Over HTTP to the Manager API (same URL, token and deadline as ensure). */
@Injectable()
export class HttpAsyncQueueClient implements AsyncQueueClient {
  private readonly agent = new Agent({ keepAliveTimeout: 30_000 });
  private readonly baseUrl: string;

  constructor(@Inject(MANAGER_CLIENT_SETTINGS) private readonly settings: ManagerClientSettings) {
    this.baseUrl = settings.baseUrl.replace(/\/+$/, '');
  }

  async enqueue(functionName: string, payload: string, requestId: string): Promise<string> {
    const path = `/async/functions/${encodeURIComponent(functionName)}/events`;
    const answer = await this.call<EnqueueResponseDto>(path, { payload, requestId });
    return answer.id;
  }

  async lease(max: number, waitMs: number, signal: AbortSignal): Promise<LeasedEventDto[]> {
    try {
      const answer = await this.call<LeaseResponseDto>(
        '/async/lease',
        { max, waitMs },
        signal,
        waitMs,
      );
      return answer.events;
    } catch (error) {
      if (signal.aborted) return [];
      throw error;
    }
  }

  async report(id: string, result: DeliveryResultDto): Promise<void> {
    await this.call(`/async/events/${encodeURIComponent(id)}/result`, result);
  }

  onApplicationShutdown(): Promise<void> {
    return this.agent.close();
  }

  private async call<T>(path: string, body: object, signal?: AbortSignal, waitMs = 0): Promise<T> {
    // a long-poll may hold the answer for waitMs: the deadline is on top of it
    const timeoutMs = this.settings.timeoutMs + waitMs;
    let response;
    try {
      response = await request(`${this.baseUrl}${path}`, {
        method: 'POST',
        headers: {
          [MANAGER_TOKEN_HEADER]: this.settings.token,
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
        dispatcher: this.agent,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      throw new ManagerCallError(0, `manager unreachable: ${(error as Error).message}`);
    }
    const text = await response.body.text();
    if (response.statusCode >= 400) {
      let message = text;
      try {
        message = (JSON.parse(text) as { message?: string }).message ?? text;
      } catch {
        // not JSON: keep the text
      }
      throw new ManagerCallError(response.statusCode, message);
    }
    return JSON.parse(text) as T;
  }
}
