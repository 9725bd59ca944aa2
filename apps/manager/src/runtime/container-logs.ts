import type { LogOrigin } from '@app/platform';

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
