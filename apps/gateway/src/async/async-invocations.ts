import { Inject, Injectable } from '@nestjs/common';
import { ASYNC_QUEUE_CLIENT, type AsyncQueueClient } from './async-queue-client';
import { enqueueError } from './enqueue-error';

/**
 * The async feature's façade: an `Event` invocation is accepted once the Manager's durable queue
 * holds it (docs/schedules.md, "Asynchronous invocation"); `AsyncDeliveryWorker` delivers it.
 */
@Injectable()
export class AsyncInvocations {
  constructor(@Inject(ASYNC_QUEUE_CLIENT) private readonly queue: AsyncQueueClient) {}

  /** Resolves with the event id once queued; rejects with the Lambda API error (404, 413, 429, 503). */
  async enqueue(functionName: string, payload: Buffer, requestId: string): Promise<string> {
    try {
      return await this.queue.enqueue(functionName, payload.toString('utf8'), requestId);
    } catch (error) {
      throw enqueueError(error, payload.length);
    }
  }
}
