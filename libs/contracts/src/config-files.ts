/**
 * Shapes of the configuration files the Manager and Gateway read and the SAM generator writes.
 * `functions.yml` and `routing.yml`; `${VAR}` references are expanded from the process environment.
 */

export interface FunctionsFileDefaults {
  environment?: Record<string, string>;
  timeout?: number;
  memorySize?: number;
  reservedConcurrency?: number;
}

export interface FunctionDefinition {
  /** Docker image reference, e.g. `onpre-lambda/fn-hello:latest`. */
  image: string;
  environment?: Record<string, string>;
  /** Seconds (AWS default 3). */
  timeout?: number;
  /** MiB (AWS default 128); becomes the container memory limit. */
  memorySize?: number;
  /** Maximum containers (concurrent invocations) for this function. */
  reservedConcurrency?: number;
  /** Handler string as SAM gives it (informational; the image's CMD wins). */
  handler?: string;
  runtime?: string;
}

export interface FunctionsFile {
  defaults?: FunctionsFileDefaults;
  functions: Record<string, FunctionDefinition>;
}

export type PayloadFormat = '1.0' | '2.0';

export interface RouteDefinition {
  /** `/users/{id}`, `/files/{proxy+}`. */
  path: string;
  /** HTTP method or `ANY`. */
  method: string;
  function: string;
  payloadFormat?: PayloadFormat;
}

export interface RoutingFile {
  routes: RouteDefinition[];
}

/** AWS defaults applied when a function omits a field. */
export const FUNCTION_DEFAULTS = {
  timeout: 3,
  memorySize: 128,
} as const;

/** AWS Lambda's limits, inclusive: what `functions.yml` accepts and the SAM generator checks. */
export const FUNCTION_LIMITS = {
  timeout: { min: 1, max: 900 },
  memorySize: { min: 128, max: 10240 },
  reservedConcurrency: { min: 1, max: 1000 },
} as const;
