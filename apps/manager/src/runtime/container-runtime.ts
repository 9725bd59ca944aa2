import type { ContainerFile } from './tar-archive';

/** The Manager's only view of a container engine, in domain words. Adapters: Docker (and a test fake). */
export const CONTAINER_RUNTIME = Symbol('ContainerRuntime');

/**
 * `stopped` can be started again; `paused` (the cool tier: frozen, memory kept) can be unpaused;
 * `broken` (dead, restarting, removing) must be replaced.
 */
export type RuntimeState = 'running' | 'paused' | 'stopped' | 'broken';

export interface ManagedContainer {
  id: string;
  name: string;
  functionName: string;
  slot: number;
  configHash: string;
  /** The image the container was created from (`sha256:…`; empty when unknown). */
  imageId: string;
  createdAt: string;
  state: RuntimeState;
  /** Base URL of the runtime on :8080 as callers reach it; null unless running or paused. */
  url: string | null;
}

export interface ContainerSpec {
  name: string;
  image: string;
  labels: Record<string, string>;
  environment: Record<string, string>;
  memoryBytes: number;
  pidsLimit: number;
  /** The user the function runs as (`uid:gid`), never root. */
  user: string;
  /** CPU share in billionths of a CPU (Docker's NanoCpus). */
  nanoCpus: number;
  /** Size of the writable tmpfs at /tmp; everything else of the image is read-only. */
  tmpBytes: number;
  /** Container log rotation: json-file `max-size` (bytes) and `max-file`. */
  log: { maxBytes: number; maxFiles: number };
  /** Files placed in the container after it is created, before it starts (e.g. a CA certificate). */
  files?: ContainerFile[];
}

export interface ContainerRuntime {
  /** Resolves when the engine answers; rejects with DockerUnavailableError otherwise. */
  ping(): Promise<void>;
  /** This Manager's containers (managed + instance labels), any state, optionally of one function. */
  list(functionName?: string): Promise<ManagedContainer[]>;
  /** Creates (joining the Lambda network, created on first use) and starts a container. */
  run(spec: ContainerSpec): Promise<ManagedContainer>;
  /** Creates a container (network and files as for `run`) without starting it; resolves its id. */
  create(spec: ContainerSpec): Promise<string>;
  /** Starts an existing stopped container. */
  start(id: string): Promise<ManagedContainer>;
  /** The id the image reference points at now (`sha256:…`), or undefined when there is no such image. */
  imageId(image: string): Promise<string | undefined>;
  /** Current state, or null when the container no longer exists. */
  inspect(id: string): Promise<ManagedContainer | null>;
  /** Freezes a running container (no CPU, memory kept). Idempotent on a paused one. */
  pause(id: string): Promise<void>;
  /** Thaws a paused container. Idempotent on a running one; rejects when it cannot run again. */
  unpause(id: string): Promise<void>;
  /** Idempotent: stopping a stopped or missing container succeeds. */
  stop(id: string): Promise<void>;
  /** Idempotent: removing a missing container succeeds. */
  remove(id: string): Promise<void>;
}
