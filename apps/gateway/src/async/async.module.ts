import { Module } from '@nestjs/common';
import { GatewayEnv } from '../config/gateway-env';
import { InvocationModule } from '../invocation/invocation.module';
import { ASYNC_DELIVERY_CONCURRENCY, AsyncDeliveryWorker } from './async-delivery-worker';
import { AsyncInvocations } from './async-invocations';
import { ASYNC_QUEUE_CLIENT, HttpAsyncQueueClient } from './async-queue-client';

/**
 * Asynchronous invocation: `Event` invocations go to the Manager's durable queue and this
 * Gateway's delivery workers run them through the normal invoke path. Façade: `AsyncInvocations`.
 */
@Module({
  imports: [InvocationModule],
  providers: [
    { provide: ASYNC_QUEUE_CLIENT, useClass: HttpAsyncQueueClient },
    {
      provide: ASYNC_DELIVERY_CONCURRENCY,
      inject: [GatewayEnv],
      useFactory: (env: GatewayEnv) => env.ASYNC_DELIVERY_CONCURRENCY,
    },
    AsyncDeliveryWorker,
    AsyncInvocations,
  ],
  exports: [AsyncInvocations],
})
export class AsyncModule {}
