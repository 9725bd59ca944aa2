/**
 * Shapes of the configuration files the Manager and Gateway read and the SAM generator writes.
 * `functions.yml` and `routing.yml`; `${VAR}` references are expanded from the process environment.
 */

import type {
  ApiKeyDefinition,
  AuthorizerDefinition,
  RouteAuthDefinition,
  ThrottleDefinition,
  UsagePlanDefinition,
} from './routing-auth';
import type { ApiDefinition } from './routing-apis';
import type { FunctionUrlDefinition } from './function-urls';
import type { DataResourcesSection } from './data-resources';

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
  /**
   * Containers kept started from Manager start (SAM `ProvisionedConcurrencyConfig`): never paused or
   * reaped, replaced when one dies, re-adopted after a restart. At most `reservedConcurrency`.
   */
  provisionedConcurrency?: number;
  /** Handler string as SAM gives it (informational; the image's CMD wins). */
  handler?: string;
  runtime?: string;
  /** Asynchronous invocation (`EventInvokeConfig`, `DeadLetterQueue`); see docs/schedules.md. */
  async?: AsyncInvokeDefinition;
}

/** How the Manager retries an async event and where its outcome goes (function names of this app). */
export interface AsyncInvokeDefinition {
  /** 0–2, default 2 (AWS). */
  maximumRetryAttempts?: number;
  /** 60–21600, default 21600 (AWS). */
  maximumEventAgeSeconds?: number;
  onSuccess?: string;
  onFailure?: string;
  /** `DeadLetterQueue` pointed at a function: receives the original event after the last failure. */
  deadLetter?: string;
}

/** A schedule (`Schedule`/`ScheduleV2` event, `AWS::Events::Rule`, `AWS::Scheduler::Schedule`). */
export interface ScheduleDefinition {
  function: string;
  /** `rate(...)`, `cron(...)` (six AWS fields) or `at(...)`. */
  expression: string;
  /** IANA timezone, default UTC. */
  timezone?: string;
  /** Default true. */
  enabled?: boolean;
  /** Constant JSON text sent instead of the Scheduled Event. */
  input?: string;
  /** `rule` (EventBridge rule: sends the Scheduled Event) or `scheduler` (sends `{}` without input). */
  kind?: 'rule' | 'scheduler';
}

export interface FunctionsFile extends DataResourcesSection {
  defaults?: FunctionsFileDefaults;
  functions: Record<string, FunctionDefinition>;
  schedules?: Record<string, ScheduleDefinition>;
}

export type PayloadFormat = '1.0' | '2.0';

export interface RouteDefinition {
  /** `/users/{id}`, `/files/{proxy+}`. */
  path: string;
  /** HTTP method or `ANY`. */
  method: string;
  function: string;
  payloadFormat?: PayloadFormat;
  /** Logical id of the API the route belongs to (usage plans name APIs). */
  api?: string;
  /** The template's authorizer / API-key requirements for this route (`routing-auth.ts`). */
  auth?: RouteAuthDefinition;
  /** Stage throttling of this route (`MethodSettings` / `RouteSettings`), one bucket per route. */
  throttle?: ThrottleDefinition;
  /** Integration timeout (`TimeoutInMillis`); the API kind's default when absent. */
  timeoutMs?: number;
}

export interface RoutingFile {
  routes: RouteDefinition[];
  /** Keyed `<ApiLogicalId>.<AuthorizerName>`; routes refer to them by that key. */
  authorizers?: Record<string, AuthorizerDefinition>;
  apiKeys?: ApiKeyDefinition[];
  usagePlans?: UsagePlanDefinition[];
  /** Keyed by the API's logical id; routes name theirs in `api` (`routing-apis.ts`). */
  apis?: Record<string, ApiDefinition>;
  /** Function URLs keyed by function name (`function-urls.ts`). */
  functionUrls?: Record<string, FunctionUrlDefinition>;
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
  provisionedConcurrency: { min: 0, max: 1000 },
  maximumRetryAttempts: { min: 0, max: 2 },
  maximumEventAgeSeconds: { min: 60, max: 21600 },
} as const;
