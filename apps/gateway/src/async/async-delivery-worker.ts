import { setMaxListeners } from 'node:events';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import type { DeliveryResultDto, LeasedEventDto } from '@app/contracts';
import { FunctionInvoker } from '../invocation/function-invoker';
import { InvocationFailure } from '../invocation/invocation-errors';
import { ASYNC_QUEUE_CLIENT, AsyncQueueClient } from './async-queue-client';

export const ASYNC_DELIVERY_CONCURRENCY = Symbol('AsyncDeliveryConcurrency');

/** How long one lease call waits on the Manager for a due event. */
const LEASE_WAIT_MS = 20_000;
/** Pause after the Manager could not be reached or refused. */
const ERROR_PAUSE_MS = 1_000;

/** A delivery's answer as the Manager's retry policy sees it (pure). */
export async function deliveryResult(
  invocation: Promise<{ outcome: { kind: string; payload: Buffer; errorType?: string } }>,
): Promise<DeliveryResultDto> {
  try {
    const { outcome } = await invocation;
    const payload = outcome.payload.toString('utf8');
    if (outcome.kind === 'success') return { kind: 'success', payload };
    return { kind: 'functionError', payload, errorType: outcome.errorType ?? 'Unhandled' };
  } catch (error) {
    // throttled, no container, Manager unreachable: the event goes back to the queue
    const message = error instanceof InvocationFailure ? error.reason : 'unavailable';
    return {
      kind: 'systemError',
      message: `${message}: ${(error as Error).message}`.slice(0, 1000),
    };
  }
}

/**
 * Delivers the Manager's queued async events through the normal invoke path (pool, concurrency,
 * scaling), `concurrency` at a time, and reports each outcome. Several Gateways may run this.
 */
@Injectable()
export class AsyncDeliveryWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AsyncDeliveryWorker.name);
  private readonly stop = new AbortController();
  private readonly loops: Promise<void>[] = [];

  constructor(
    @Inject(ASYNC_QUEUE_CLIENT) private readonly queue: AsyncQueueClient,
    private readonly invoker: FunctionInvoker,
    @Inject(ASYNC_DELIVERY_CONCURRENCY) private readonly concurrency: number,
  ) {}

  onApplicationBootstrap(): void {
    // every loop's long-poll (and pause) listens on the one stop signal
    setMaxListeners(2 * this.concurrency + 10, this.stop.signal);
    for (let i = 0; i < this.concurrency; i++) this.loops.push(this.loop());
  }

  async onModuleDestroy(): Promise<void> {
    this.stop.abort();
    await Promise.all(this.loops);
  }

  private async loop(): Promise<void> {
    while (!this.stop.signal.aborted) {
      try {
        const events = await this.queue.lease(1, LEASE_WAIT_MS, this.stop.signal);
        for (const event of events) await this.deliver(event);
      } catch (error) {
        this.logger.warn(`async lease failed: ${(error as Error).message}`);
        await this.pause();
      }
    }
  }

  private async deliver(event: LeasedEventDto): Promise<void> {
    const result = await deliveryResult(
      this.invoker.invoke(event.function, Buffer.from(event.payload, 'utf8'), event.id),
    );
    // Not reported (Manager away): the lease expires and the event is delivered again — at least once.
    await this.queue.report(event.id, result);
  }

  private pause(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.stop.signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ERROR_PAUSE_MS);
      this.stop.signal.addEventListener('abort', done, { once: true });
    });
  }
}
