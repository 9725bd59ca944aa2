/** Docker labels on every container the Manager owns. Labels are the source of truth. */
export const LABELS = {
  managed: 'onpre-lambda.managed',
  function: 'onpre-lambda.function',
  configHash: 'onpre-lambda.config-hash',
  createdAt: 'onpre-lambda.created-at',
  slot: 'onpre-lambda.slot',
} as const;

/** Deterministic, readable container name for slot `n` of a function: `lambda-<function>-<n>`. */
export function containerName(functionName: string, slot: number): string {
  return `lambda-${functionName}-${slot}`;
}

/** RIE / runtime invoke path inside every Lambda container (port 8080). */
export const INVOKE_PATH = '/2015-03-31/functions/function/invocations';
export const RUNTIME_PORT = 8080;
