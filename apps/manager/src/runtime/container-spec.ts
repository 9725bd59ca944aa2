import { availableParallelism } from 'node:os';
import { containerName, INSTANCE_LABEL, LABELS } from '@app/contracts';
import { configHash, containerEnvironment } from '../config/function-environment';
import type { FunctionConfig } from '../config/functions-file';
import type { ContainerSpec } from './container-runtime';
import type { ContainerFile } from './tar-archive';

const MIB = 1024 * 1024;
const MIN_MEMORY_MIB = 128;
export const PIDS_LIMIT = 256;

/** Lambda's function user (`sbx_user1051`, uid 993); numeric, so images need no passwd entry. */
export const FUNCTION_USER = '993:990';
/** Lambda's default ephemeral storage at /tmp. */
export const TMP_BYTES = 512 * MIB;
/** Each container's log: json-file rotated at 10 MiB, 3 files kept (the Manager ships lines as they come). */
export const LOG_LIMITS = { maxBytes: 10 * MIB, maxFiles: 3 };
/** Lambda gives one vCPU per 1,769 MB of memory. */
export const MIB_PER_VCPU = 1769;
/**
 * The smallest share a function gets: one vCPU. Lambda's proportion would give a 128–256 MB function
 * 0.07–0.14 vCPU; with a 0.25 floor the example app's Lambda-to-Lambda call (two Node.js cold starts
 * loading the AWS SDK) ran past its 10 s timeout (504) in the system suite on the shared 2-core
 * machine. Above 1,769 MB a function gets Lambda's proportion, capped to the engine's CPUs.
 */
export const MIN_CPUS = 1;

/** CPU share for a memory size, as on Lambda, between the floor and the engine's CPUs. */
export function cpuLimit(memorySize: number, hostCpus = availableParallelism()): number {
  const cpus = Math.min(Math.max(memorySize / MIB_PER_VCPU, MIN_CPUS), hostCpus);
  return Math.round(cpus * 1e9);
}

export interface SpecContext {
  injected: Record<string, string>;
  instance: string;
  now: Date;
  files?: ContainerFile[];
}

export function buildContainerSpec(
  fn: FunctionConfig,
  slot: number,
  { injected, instance, now, files = [] }: SpecContext,
): ContainerSpec {
  return {
    name: containerName(fn.name, slot),
    ...(files.length > 0 ? { files } : {}),
    image: fn.image,
    environment: containerEnvironment(fn, injected),
    memoryBytes: Math.max(fn.memorySize, MIN_MEMORY_MIB) * MIB,
    pidsLimit: PIDS_LIMIT,
    user: FUNCTION_USER,
    nanoCpus: cpuLimit(fn.memorySize),
    tmpBytes: TMP_BYTES,
    log: LOG_LIMITS,
    labels: {
      [LABELS.managed]: 'true',
      [LABELS.function]: fn.name,
      [LABELS.configHash]: configHash(fn, injected),
      [LABELS.createdAt]: now.toISOString(),
      [LABELS.slot]: String(slot),
      [INSTANCE_LABEL]: instance,
    },
  };
}
