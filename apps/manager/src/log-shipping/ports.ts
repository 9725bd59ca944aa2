import type { LogSink } from '@app/platform';

export type { LogSink };

export const LOG_SINK = Symbol('LogSink');

export interface LogShippingSettings {
  /** How often running containers are listed to pick up new ones. */
  discoveryIntervalMs: number;
  /** How often buffered records are sent. */
  flushIntervalMs: number;
  /** Most records per request. */
  batchSize: number;
  /** Records kept while the sink is unreachable; the oldest are dropped beyond this. */
  maxBufferedRecords: number;
}
export const LOG_SHIPPING_SETTINGS = Symbol('LogShippingSettings');
