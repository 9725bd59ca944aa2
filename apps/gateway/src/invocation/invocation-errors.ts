/**
 * Why the Gateway could not get an answer from a function. Each front end (API Gateway routes, the
 * Lambda Invoke API) renders these in its own wire format.
 */
export type InvocationFailureReason =
  /** The Manager does not know the function (or its image is missing). */
  | 'notFound'
  /** No container could be started, or the Manager is unreachable. */
  | 'unavailable'
  /** Starting a container or running the function took too long. */
  | 'timeout'
  /** Every container is busy, the pool is at its limit and the queue is full or waited too long. */
  | 'throttled';

export class InvocationFailure extends Error {
  constructor(
    readonly reason: InvocationFailureReason,
    message: string,
  ) {
    super(message);
    this.name = 'InvocationFailure';
  }
}

/** The Manager answered with an error status or could not be reached (status 0). */
export class ManagerCallError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ManagerCallError';
  }

  get reason(): InvocationFailureReason {
    if (this.status === 404) return 'notFound';
    if (this.status === 504) return 'timeout';
    if (this.status === 429) return 'throttled';
    return 'unavailable';
  }
}

/** The container could not be reached at all: the request never got to the function. */
export class UpstreamUnreachableError extends Error {
  override readonly name = 'UpstreamUnreachableError';
}

/** The connection failed after the request was sent, or no answer came before the deadline. */
export class UpstreamBrokenError extends Error {
  constructor(
    readonly timedOut: boolean,
    message: string,
  ) {
    super(message);
    this.name = 'UpstreamBrokenError';
  }
}
