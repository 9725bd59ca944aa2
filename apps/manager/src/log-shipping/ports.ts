import type { LogOrigin } from '@app/platform/log-shipping/shipped-record';
import type { LogSink } from '@app/platform/log-shipping/victorialogs-sink';

export type { LogSink };

/** A running container whose logs are shipped. */
export interface LogContainer extends LogOrigin {
  id: string;
}

/** Reads container logs (the Docker API in production, a fake in tests). */
export interface ContainerLogSource {
  /** Running containers whose logs should be shipped. */
  listRunning(): Promise<LogContainer[]>;
  /**
   * Streams the container's log lines (each may carry Docker's timestamp prefix) to `onLine` until
   * the container stops or `signal` aborts. `sinceFor` picks the start from the container's start.
   */
  follow(
    id: string,
    sinceFor: (startedAt: Date) => Date,
    onLine: (line: string) => void,
    signal: AbortSignal,
  ): Promise<void>;
}
export const CONTAINER_LOG_SOURCE = Symbol('ContainerLogSource');

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
