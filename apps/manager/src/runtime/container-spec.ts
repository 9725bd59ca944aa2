import { createHash } from 'node:crypto';
import { containerName, INSTANCE_LABEL, LABELS } from '@app/contracts';
import type { FunctionConfig } from '../config/functions-file';
import type { ContainerSpec } from './container-runtime';
import type { ContainerFile } from './tar-archive';

const MIB = 1024 * 1024;
const MIN_MEMORY_MIB = 128;
export const PIDS_LIMIT = 256;

/**
 * The full environment of a function container. Function variables may override the injected
 * endpoints; the AWS_LAMBDA_* variables are reserved, as on AWS.
 */
export function containerEnvironment(
  fn: FunctionConfig,
  injected: Record<string, string>,
): Record<string, string> {
  return {
    ...injected,
    ...fn.environment,
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_TIMEOUT: String(fn.timeout),
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
  };
}

/** Stable hash of everything that shapes a container; a different hash means replace it. */
export function configHash(fn: FunctionConfig, injected: Record<string, string>): string {
  const environment = Object.entries(containerEnvironment(fn, injected)).sort(([a], [b]) =>
    a < b ? -1 : 1,
  );
  const canonical = JSON.stringify({ image: fn.image, environment, memorySize: fn.memorySize });
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
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
