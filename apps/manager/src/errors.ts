/** Domain errors with the HTTP status the Manager API answers for them. */
export abstract class ManagerError extends Error {
  abstract readonly status: number;
}

export class FunctionNotConfiguredError extends ManagerError {
  readonly status = 404;
  constructor(functionName: string) {
    super(`function '${functionName}' is not configured in functions.yml`);
  }
}

export class ImageNotFoundError extends ManagerError {
  readonly status = 404;
  constructor(image: string) {
    super(
      `image '${image}' is not on the Docker engine; build it first (docker build -t ${image} .) — ` +
        'the Manager never pulls from a registry',
    );
  }
}

export class DockerUnavailableError extends ManagerError {
  readonly status = 503;
  constructor(detail: string) {
    super(`Docker engine unreachable: ${detail}`);
  }
}

export class NameConflictError extends ManagerError {
  readonly status = 409;
  constructor(name: string) {
    super(`container name '${name}' is taken by a container this Manager does not own`);
  }
}

export class StartTimeoutError extends ManagerError {
  readonly status = 504;
  constructor(name: string, seconds: number) {
    super(`container '${name}' was not ready within ${seconds} s`);
  }
}

export class ContainerExitedError extends ManagerError {
  readonly status = 502;
  constructor(name: string) {
    super(`container '${name}' exited while starting; see its logs (docker logs ${name})`);
  }
}

export class ContainerAddressError extends ManagerError {
  readonly status = 502;
  constructor(name: string) {
    super(`container '${name}' is running but has no address on the configured network`);
  }
}

/** The cap on running function containers (MAX_FUNCTION_CONTAINERS) is reached. */
export class ContainerLimitError extends ManagerError {
  readonly status = 429;
  constructor(limit: number) {
    super(
      `this Manager already runs ${limit} function containers, its limit (MAX_FUNCTION_CONTAINERS); ` +
        'idle ones stop after IDLE_TIMEOUT_MINUTES',
    );
  }
}

/** CONTAINER_RUNTIME=swarm, but the engine is not a manager of an active swarm. */
export class SwarmUnavailableError extends ManagerError {
  readonly status = 503;
  constructor(detail: string) {
    super(`Docker Swarm unavailable: ${detail}`);
  }
}

/** The registry the swarm pulls from (SWARM_REGISTRY) does not answer. */
export class RegistryUnavailableError extends ManagerError {
  readonly status = 503;
  constructor(reference: string, detail: string) {
    super(`registry unreachable for '${reference}': ${detail}`);
  }
}

/** The image is not in the registry the swarm pulls from. */
export class RegistryImageNotFoundError extends ManagerError {
  readonly status = 404;
  constructor(reference: string) {
    super(
      `image '${reference}' is not in the registry; push it first ` +
        `(docker tag <image> ${reference} && docker push ${reference})`,
    );
  }
}

/** A slot's Swarm task ended (rejected, failed, its node gone) before it ran. */
export class TaskFailedError extends ManagerError {
  readonly status = 502;
  constructor(name: string, detail: string) {
    super(`service '${name}' did not start: ${detail} (see docker service ps --no-trunc ${name})`);
  }
}

/** A slot's Swarm task did not reach running in time (no node fits, image pull slow, …). */
export class TaskStartTimeoutError extends ManagerError {
  readonly status = 504;
  constructor(name: string, seconds: number, detail: string) {
    super(`service '${name}' was not running within ${seconds} s (${detail})`);
  }
}
