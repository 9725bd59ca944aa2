import { containerName, INSTANCE_LABEL, LABELS } from '@app/contracts';
import { configHash, containerEnvironment } from '../config/function-environment';
import type { FunctionConfig } from '../config/functions-file';
import type { ContainerSpec } from './container-runtime';
import type { ContainerFile } from './tar-archive';

const MIB = 1024 * 1024;
const MIN_MEMORY_MIB = 128;
export const PIDS_LIMIT = 256;

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
