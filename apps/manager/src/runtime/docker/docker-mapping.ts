import type Docker from 'dockerode';
import { posix } from 'node:path';
import { LABELS, RUNTIME_PORT } from '@app/contracts';
import type { AddressMode } from '../../config/manager-env';
import type { ContainerSpec, ManagedContainer, RuntimeState } from '../container-runtime';

export interface Placement {
  mode: AddressMode;
  network: string;
}

const PORT_KEY = `${RUNTIME_PORT}/tcp`;

/**
 * The one folder the spec's files go to (e.g. /etc/onpre): it becomes a volume of the container,
 * the only way to place files in a container whose root filesystem is read-only.
 */
export function filesDirectory(spec: ContainerSpec): string | undefined {
  const folders = [...new Set((spec.files ?? []).map((file) => posix.dirname(file.path)))];
  if (folders.length > 1)
    throw new Error(`container files must share one folder: ${folders.join(', ')}`);
  return folders[0];
}

/**
 * Docker's create options for a spec: a non-root user, a read-only root filesystem with a tmpfs
 * /tmp, no capabilities or privilege gain, memory/CPU/PIDs/log limits, the Lambda network, and the
 * address mode.
 */
export function toCreateOptions(
  spec: ContainerSpec,
  { mode, network }: Placement,
): Docker.ContainerCreateOptions {
  const published = mode === 'published';
  const files = filesDirectory(spec);
  return {
    name: spec.name,
    Image: spec.image,
    Env: Object.entries(spec.environment).map(([key, value]) => `${key}=${value}`),
    Labels: spec.labels,
    ExposedPorts: { [PORT_KEY]: {} },
    User: spec.user,
    HostConfig: {
      NetworkMode: network,
      Memory: spec.memoryBytes,
      MemorySwap: spec.memoryBytes,
      NanoCpus: spec.nanoCpus,
      PidsLimit: spec.pidsLimit,
      Privileged: false,
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      ReadonlyRootfs: true,
      Tmpfs: { '/tmp': `rw,nosuid,nodev,size=${spec.tmpBytes},mode=1777` },
      ...(files ? { Mounts: [{ Type: 'volume', Source: '', Target: files }] } : {}),
      LogConfig: {
        Type: 'json-file',
        Config: { 'max-size': String(spec.log.maxBytes), 'max-file': String(spec.log.maxFiles) },
      },
      ...(published
        ? {
            PortBindings: { [PORT_KEY]: [{ HostIp: '127.0.0.1', HostPort: '' }] },
            ExtraHosts: ['host.docker.internal:host-gateway'],
          }
        : {}),
    },
  };
}

/** Docker states → ours: `created`/`exited` can start again, `paused` unpaused; anything odd is replaced. */
export function runtimeState(dockerState: string): RuntimeState {
  if (dockerState === 'running') return 'running';
  if (dockerState === 'paused') return 'paused';
  if (dockerState === 'created' || dockerState === 'exited') return 'stopped';
  return 'broken';
}

function fromLabels(
  id: string,
  name: string,
  labels: Record<string, string>,
  state: RuntimeState,
  url: string | null,
  imageId: string | undefined,
): ManagedContainer {
  return {
    id,
    name: name.replace(/^\//, ''),
    functionName: labels[LABELS.function] ?? '',
    slot: Number(labels[LABELS.slot] ?? 0),
    configHash: labels[LABELS.configHash] ?? '',
    imageId: imageId ?? '',
    createdAt: labels[LABELS.createdAt] ?? '',
    state,
    url: state === 'running' || state === 'paused' ? url : null,
  };
}

function urlFor(mode: AddressMode, hostPort: number | undefined, ip: string | undefined) {
  if (mode === 'published') return hostPort ? `http://127.0.0.1:${hostPort}` : null;
  return ip ? `http://${ip}:${RUNTIME_PORT}` : null;
}

export function fromListEntry(info: Docker.ContainerInfo, placement: Placement): ManagedContainer {
  const port = info.Ports.find(
    (entry) => entry.PrivatePort === RUNTIME_PORT && entry.PublicPort && entry.IP === '127.0.0.1',
  );
  const ip = info.NetworkSettings?.Networks?.[placement.network]?.IPAddress || undefined;
  return fromLabels(
    info.Id,
    info.Names[0] ?? info.Id,
    info.Labels,
    runtimeState(info.State),
    urlFor(placement.mode, port?.PublicPort, ip),
    info.ImageID,
  );
}

export function fromInspect(
  info: Docker.ContainerInspectInfo,
  placement: Placement,
): ManagedContainer {
  const binding = info.NetworkSettings.Ports?.[PORT_KEY]?.find((b) => b.HostIp === '127.0.0.1');
  const ip = info.NetworkSettings.Networks?.[placement.network]?.IPAddress || undefined;
  return fromLabels(
    info.Id,
    info.Name,
    info.Config.Labels ?? {},
    runtimeState(info.State.Status),
    urlFor(placement.mode, binding ? Number(binding.HostPort) : undefined, ip),
    info.Image,
  );
}
