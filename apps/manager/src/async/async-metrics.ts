import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { ManagerMetrics } from '../metrics/manager-metrics';
import { AsyncQueue } from './async-queue';

/** Queue size and oldest-event age per function, read from the queue at scrape time. */
@Injectable()
export class AsyncMetrics {
  constructor(metrics: ManagerMetrics, queue: AsyncQueue) {
    const size = new Gauge({
      name: 'onpre_manager_async_queue_events',
      help: 'Asynchronous invocations queued (waiting, retrying or in delivery) per function.',
      labelNames: ['function'],
      registers: [metrics.registry],
      collect() {
        size.reset();
        for (const entry of queue.stats()) size.set({ function: entry.function }, entry.size);
      },
    });
    const age = new Gauge({
      name: 'onpre_manager_async_oldest_event_age_seconds',
      help: 'Age of the oldest queued asynchronous invocation per function.',
      labelNames: ['function'],
      registers: [metrics.registry],
      collect() {
        age.reset();
        for (const entry of queue.stats())
          age.set({ function: entry.function }, entry.oldestAgeSeconds);
      },
    });
  }
}
