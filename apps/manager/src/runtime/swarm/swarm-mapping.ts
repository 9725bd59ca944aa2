import type Docker from 'dockerode';
import { LABELS, RUNTIME_PORT } from '@app/contracts';
import type { SwarmTaskExtras } from '../../config/swarm-settings';
import type { ContainerSpec, ManagedContainer, RuntimeState } from '../container-runtime';
import { MIB_PER_VCPU } from '../container-spec';

/** The image a slot runs, recorded on its service so a rebuilt or re-pushed image replaces it. */
export const IMAGE_LABEL = 'onpre-lambda.image-id';
/** The function's SIGTERM grace, as on one engine (docker stop -t 2). */
const STOP_GRACE_NS = 2e9;
const MIB = 1024 * 1024;

export interface SwarmPlacement {
  /** The attachable overlay network slots join; callers reach tasks on it. */
  network: string;
  constraints: string[];
  /** Spread descriptors (`node.labels.zone`). */
  preferences: string[];
  extras: SwarmTaskExtras;
  /** Engine API ≥ 1.44 takes `Privileges.NoNewPrivileges` for services (older ones: no field). */
  noNewPrivileges: boolean;
}

/** What a slot's service runs: the reference nodes pull, and the id that identifies its content. */
export interface PinnedImage {
  reference: string;
  id: string;
}

/** A Swarm config holding one of the spec's files (a CA certificate), as the service mounts it. */
export interface FileConfig {
  id: string;
  name: string;
  path: string;
}

/** The parts of the Engine API's Service object the adapter reads. */
export interface SwarmService {
  ID: string;
  UpdatedAt?: string;
  Version?: { Index?: number };
  Spec?: Docker.ServiceSpec;
}

/** The parts of the Engine API's Task object the adapter reads. */
export interface SwarmTask {
  ID: string;
  ServiceID: string;
  NodeID?: string;
  CreatedAt?: string;
  DesiredState?: string;
  Status?: { State?: string; Err?: string; Message?: string };
  NetworksAttachments?: Array<{
    Network?: { ID?: string; Spec?: { Name?: string } };
    Addresses?: string[];
  }>;
}

/** Task states on the way to running (the slot is starting: not serving, not broken). */
const STARTING = new Set([
  'new',
  'allocated',
  'pending',
  'assigned',
  'accepted',
  'preparing',
  'ready',
  'starting',
]);

/**
 * Swarm's service spec for a slot: one replica created at 0 (started by scaling to 1), our labels,
 * Lambda's limits as limits and its share as reservations, the function user, a read-only root with
 * a tmpfs /tmp, every capability dropped, no restart (a failed sandbox is replaced by the Manager,
 * never revived behind its back), the overlay network with DNS round robin (callers use the task
 * address; no virtual IP is allocated), and the configured placement.
 */
export function toServiceSpec(
  spec: ContainerSpec,
  image: PinnedImage,
  placement: SwarmPlacement,
  files: FileConfig[] = [],
): Docker.ServiceSpec {
  const { extras } = placement;
  const reservedCpus = spec.memoryBytes / MIB / MIB_PER_VCPU;
  return {
    Name: spec.name,
    Labels: { ...spec.labels, [IMAGE_LABEL]: image.id },
    TaskTemplate: {
      ContainerSpec: {
        Image: image.reference,
        Labels: spec.labels,
        Env: Object.entries(spec.environment).map(([key, value]) => `${key}=${value}`),
        User: spec.user,
        ReadOnly: true,
        CapabilityDrop: ['ALL'],
        ...(placement.noNewPrivileges
          ? { Privileges: { NoNewPrivileges: true } as Docker.Privileges }
          : {}),
        Mounts: [
          {
            Type: 'tmpfs',
            Source: '',
            Target: '/tmp',
            TmpfsOptions: { SizeBytes: spec.tmpBytes, Mode: 0o1777 },
          },
        ],
        StopGracePeriod: STOP_GRACE_NS,
        ...(files.length > 0
          ? {
              Configs: files.map((file) => ({
                ConfigID: file.id,
                ConfigName: file.name,
                File: {
                  Name: file.path,
                  UID: uidOf(spec.user),
                  GID: gidOf(spec.user),
                  Mode: 0o444,
                },
              })),
            }
          : {}),
        ...(extras.hosts ? { Hosts: extras.hosts } : {}),
        ...(extras.dnsConfig ? { DNSConfig: extras.dnsConfig } : {}),
      },
      Resources: {
        Limits: { MemoryBytes: spec.memoryBytes, NanoCPUs: spec.nanoCpus, Pids: spec.pidsLimit },
        Reservations: {
          MemoryBytes: spec.memoryBytes,
          NanoCPUs: Math.round(Math.min(reservedCpus * 1e9, spec.nanoCpus)),
          ...(extras.genericResources ? { GenericResources: extras.genericResources } : {}),
        },
      },
      RestartPolicy: { Condition: 'none' },
      Placement: {
        Constraints: placement.constraints,
        Preferences: placement.preferences.map((descriptor) => ({
          Spread: { SpreadDescriptor: descriptor },
        })),
      },
      Networks: [{ Target: placement.network }],
      LogDriver: {
        Name: 'json-file',
        Options: { 'max-size': String(spec.log.maxBytes), 'max-file': String(spec.log.maxFiles) },
      },
    },
    Mode: { Replicated: { Replicas: 0 } },
    EndpointSpec: { Mode: 'dnsrr' },
  };
}

function uidOf(user: string): string {
  return user.split(':')[0];
}

function gidOf(user: string): string {
  return user.split(':')[1] ?? user.split(':')[0];
}

function time(value: string | undefined): number {
  const parsed = Date.parse(value ?? '');
  return Number.isNaN(parsed) ? 0 : parsed;
}

/**
 * The task that stands for the slot now: the one Swarm wants running, else the newest one made since
 * the service's last change (its scale-up), else none (Swarm has not made it yet).
 */
export function currentTask(service: SwarmService, tasks: SwarmTask[]): SwarmTask | undefined {
  const own = tasks.filter((task) => task.ServiceID === service.ID);
  const wanted = own.find((task) => task.DesiredState === 'running');
  if (wanted) return wanted;
  const since = time(service.UpdatedAt);
  return own
    .filter((task) => time(task.CreatedAt) >= since)
    .sort((a, b) => time(b.CreatedAt) - time(a.CreatedAt))[0];
}

export function replicasOf(service: SwarmService): number {
  return service.Spec?.Mode?.Replicated?.Replicas ?? 0;
}

/**
 * Service + task state → ours. Scaled to 0: stopped (a parked slot, started by scaling up). Starting
 * tasks (pending, assigned, preparing…) and a scale-up Swarm has not turned into a task yet count as
 * stopped too: not serving, and `start` waits for them. Running on a node that is not ready (down,
 * unreachable from the managers): broken, as is a task that ended or that Swarm gave up on (with no
 * restart policy nothing else replaces it) — the Manager replaces those.
 */
export function slotState(
  service: SwarmService,
  task: SwarmTask | undefined,
  nodeReady: (nodeId: string) => boolean,
): RuntimeState {
  if (replicasOf(service) === 0) return 'stopped';
  if (!task) return 'stopped';
  if (task.DesiredState !== 'running') return 'broken';
  const state = task.Status?.State ?? 'new';
  if (task.NodeID && !nodeReady(task.NodeID)) return 'broken';
  if (state === 'running') return 'running';
  if (STARTING.has(state)) return 'stopped';
  return 'broken';
}

/** The task's address on the network (`10.0.1.7/24` → `http://10.0.1.7:8080`). */
export function taskUrl(task: SwarmTask | undefined, network: string): string | null {
  const attachment = task?.NetworksAttachments?.find(
    (entry) => entry.Network?.Spec?.Name === network || entry.Network?.ID === network,
  );
  const address = attachment?.Addresses?.[0]?.split('/')[0];
  return address ? `http://${address}:${RUNTIME_PORT}` : null;
}

/** Why a slot's task is not running, in Swarm's words (`rejected: No such image: …`). */
export function taskProblem(task: SwarmTask | undefined): string {
  if (!task) return 'no task yet';
  const state = task.Status?.State ?? 'new';
  const detail = task.Status?.Err || task.Status?.Message || '';
  return detail ? `${state}: ${detail}` : state;
}

export function fromService(
  service: SwarmService,
  tasks: SwarmTask[],
  network: string,
  nodeReady: (nodeId: string) => boolean,
): ManagedContainer {
  const labels = service.Spec?.Labels ?? {};
  const task = currentTask(service, tasks);
  const state = slotState(service, task, nodeReady);
  return {
    id: service.ID,
    name: service.Spec?.Name ?? service.ID,
    functionName: labels[LABELS.function] ?? '',
    slot: Number(labels[LABELS.slot] ?? 0),
    configHash: labels[LABELS.configHash] ?? '',
    imageId: labels[IMAGE_LABEL] ?? '',
    createdAt: labels[LABELS.createdAt] ?? '',
    state,
    url: state === 'running' ? taskUrl(task, network) : null,
  };
}
