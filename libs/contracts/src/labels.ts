/** Docker labels on every container the Manager owns. Labels are the source of truth. */
export const LABELS = {
  managed: 'onpre-lambda.managed',
  function: 'onpre-lambda.function',
  configHash: 'onpre-lambda.config-hash',
  createdAt: 'onpre-lambda.created-at',
  slot: 'onpre-lambda.slot',
} as const;

/** Scopes containers to one Manager instance, so two Managers on one engine never touch each other's. */
export const INSTANCE_LABEL = 'onpre-lambda.instance';

/** Put on the Gateway and Manager containers (value: the MANAGER_INSTANCE) to ship their logs. */
export const SHIP_LOGS_LABEL = 'onpre-lambda.ship-logs';

/** Deterministic, readable container name for slot `n` of a function: `lambda-<function>-<n>`. */
export function containerName(functionName: string, slot: number): string {
  return `lambda-${functionName}-${slot}`;
}

/** RIE / runtime invoke path inside every Lambda container (port 8080). */
export const INVOKE_PATH = '/2015-03-31/functions/function/invocations';
export const RUNTIME_PORT = 8080;

/**
 * Readiness probe path on :8080. Our runtime answers 200 once the handler is initialised and 503
 * before. Probes treat any HTTP answer other than 503 as ready, so AWS RIE images (which answer 404
 * here) work too; connection refused means not yet listening.
 */
export const RUNTIME_READY_PATH = '/health';

/**
 * The per-function credential a function container's invoke endpoint asks for: the Manager puts it
 * in the container's environment (`ONPRE_INVOKE_TOKEN`), the Gateway sends it in this header. A
 * function that reaches another function's :8080 on the shared network has no such token.
 */
export const INVOKE_TOKEN_ENV = 'ONPRE_INVOKE_TOKEN';
export const INVOKE_TOKEN_HEADER = 'x-onpre-invoke-token';
