import { INSTANCE_LABEL, LABELS } from '@app/contracts';
import Docker from 'dockerode';
import { DevSetupError } from './files';

/** The engine the Manager will use (same DOCKER_SOCKET variable, same default). */
export function connectDocker(socketPath = '/var/run/docker.sock'): Docker {
  return new Docker({ socketPath });
}

export async function assertEngineReachable(docker: Docker, socketPath: string): Promise<void> {
  try {
    await docker.ping();
  } catch (error) {
    throw new DevSetupError(
      `the Docker engine is unreachable at ${socketPath} (${(error as Error).message}); ` +
        'start it (e.g. sudo systemctl start docker, or dockerd) and run npm start again',
    );
  }
}

export async function imagePresent(docker: Docker, image: string): Promise<boolean> {
  try {
    await docker.getImage(image).inspect();
    return true;
  } catch {
    return false;
  }
}

export interface LambdaNetwork {
  name: string;
  /** The bridge's gateway address: the host, as containers on this network reach it. */
  hostIp: string;
  /** True when this run created it (and so removes it at the end). */
  created: boolean;
}

interface NetworkInfo {
  Internal?: boolean;
  IPAM?: { Config?: Array<{ Gateway?: string }> };
}

/**
 * The Lambda network as a plain bridge (the Manager would create the same one on first use; it is
 * made here first because the embedded services listen on its gateway address).
 */
export async function ensureLambdaNetwork(docker: Docker, name: string): Promise<LambdaNetwork> {
  let created = false;
  let info = await docker
    .getNetwork(name)
    .inspect()
    .catch(() => undefined);
  if (!info) {
    await docker.createNetwork({
      Name: name,
      Driver: 'bridge',
      CheckDuplicate: true,
      Labels: { [LABELS.managed]: 'true' },
    });
    created = true;
    info = await docker.getNetwork(name).inspect();
  }
  const network = info as NetworkInfo;
  if (network.Internal)
    throw new DevSetupError(
      `network ${name} is internal (containers on it cannot reach the host); ` +
        'set LAMBDA_NETWORK to another name for dev mode',
    );
  const hostIp = network.IPAM?.Config?.find((config) => config.Gateway)?.Gateway;
  if (!hostIp) throw new DevSetupError(`network ${name} has no gateway address`);
  return { name, hostIp, created };
}

/** Removes the network if this run created it; one still in use by others stays. */
export async function removeLambdaNetwork(docker: Docker, network: LambdaNetwork): Promise<void> {
  if (!network.created) return;
  await docker
    .getNetwork(network.name)
    .remove()
    .catch(() => undefined);
}

/** Last resort when the Manager cannot be asked: remove its instance's containers by their labels. */
export async function removeInstanceContainers(
  docker: Docker,
  instance: string,
): Promise<string[]> {
  const containers = await docker.listContainers({
    all: true,
    filters: { label: [`${LABELS.managed}=true`, `${INSTANCE_LABEL}=${instance}`] },
  });
  await Promise.all(
    containers.map((container) =>
      docker
        .getContainer(container.Id)
        .remove({ force: true })
        .catch(() => undefined),
    ),
  );
  return containers.map((container) => container.Names[0]?.replace(/^\//, '') ?? container.Id);
}
