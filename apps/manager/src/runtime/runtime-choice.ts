import type { ManagerEnv } from '../config/manager-env';
import { parseList, parseTaskTemplate, spreadDescriptor } from '../config/swarm-settings';
import type { Placement } from './docker/docker-mapping';
import type { SwarmSettings } from './swarm/swarm-container-runtime';

/** Which adapter of the container-runtime port the Manager uses, with its settings. */
export type RuntimeChoice =
  { kind: 'docker'; placement: Placement } | { kind: 'swarm'; swarm: SwarmSettings };

/** From the validated environment (CONTAINER_RUNTIME; the Docker engine adapter is the default). */
export function runtimeChoice(env: ManagerEnv): RuntimeChoice {
  if (env.CONTAINER_RUNTIME === 'docker') {
    return { kind: 'docker', placement: { mode: env.ADDRESS_MODE, network: env.LAMBDA_NETWORK } };
  }
  return {
    kind: 'swarm',
    swarm: {
      network: env.LAMBDA_NETWORK,
      constraints: parseList(env.SWARM_PLACEMENT_CONSTRAINTS),
      preferences: parseList(env.SWARM_PLACEMENT_PREFERENCES).flatMap(
        (preference) => spreadDescriptor(preference) ?? [],
      ),
      extras: parseTaskTemplate(env.SWARM_TASK_TEMPLATE).extras,
      registry: env.SWARM_REGISTRY,
      taskTimeoutMs: env.READY_TIMEOUT_SECONDS * 1000,
    },
  };
}
