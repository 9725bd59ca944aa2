import { createHash } from 'node:crypto';
import { INVOKE_TOKEN_ENV } from '@app/contracts';
import type { FunctionConfig } from './functions-file';

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
    // Reserved like AWS_LAMBDA_*: a function's own variables cannot replace it.
    ...(fn.invokeToken ? { [INVOKE_TOKEN_ENV]: fn.invokeToken } : {}),
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
