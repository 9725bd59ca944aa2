import type {
  ApiKeyDefinition,
  ApiKeySource,
  AuthorizerDefinition,
  JwtAuthorizerDefinition,
  LambdaAuthorizerDefinition,
  RouteDefinition,
  ThrottleDefinition,
  UsagePlanDefinition,
} from '@app/contracts';

/** An authorizer the Gateway runs, under its `routing.yml` key (`<Api>.<Name>`). */
export type RunnableAuthorizer =
  | { name: string; definition: LambdaAuthorizerDefinition }
  | { name: string; definition: JwtAuthorizerDefinition };

/** A usage plan with the keys it holds resolved (only enabled keys can call). */
export interface ResolvedUsagePlan {
  plan: UsagePlanDefinition;
  keys: ApiKeyDefinition[];
}

/**
 * What the Gateway checks for one route besides routing, resolved from `routing.yml` when the file
 * is read (so a reload swaps routes and their protection at once).
 */
export interface RouteSecurity {
  /** Logical id of the route's API (usage plans and throttle buckets are per API). */
  api?: string;
  authorizer?: RunnableAuthorizer;
  /** An authorizer the template names that the Gateway cannot run: every call is 500. */
  unsupportedAuthorizer?: { name: string; reason: string };
  /** OAuth scopes the token must carry one of. */
  scopes?: string[];
  apiKeyRequired: boolean;
  /** `HEADER`: the `x-api-key` header; `AUTHORIZER`: the Lambda authorizer's `usageIdentifierKey`. */
  apiKeySource: ApiKeySource;
  /** Usage plans covering the route's API (consulted when an API key is required). */
  usagePlans: ResolvedUsagePlan[];
  /** Stage throttling of the route (`MethodSettings` / `RouteSettings`). */
  throttle?: ThrottleDefinition;
}

/** A route as the Gateway holds it: the definition and its resolved protection. */
export interface SecuredRoute extends RouteDefinition {
  security?: RouteSecurity;
}

export interface SecurityDocument {
  authorizers?: unknown;
  apiKeys?: unknown;
  usagePlans?: unknown;
}

const API_KEY_VALUE = /^(\$\{API_KEY_[A-Z0-9_]+\}|[^${}]{20,128})$/;
const NUMBER_FIELDS = ['rateLimit', 'burstLimit'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function throttleProblems(value: unknown, where: string): string[] {
  if (value === undefined) return [];
  if (!isRecord(value)) return [`${where} must be a mapping`];
  return NUMBER_FIELDS.filter((field) => {
    const number = value[field];
    return typeof number !== 'number' || !Number.isFinite(number) || number < 0;
  }).map((field) => `${where}.${field} must be a number >= 0`);
}

function authorizerProblems(value: unknown, where: string): string[] {
  if (!isRecord(value)) return [`${where} must be a mapping`];
  if (value.type === 'unsupported') return [];
  if (value.type === 'lambda') {
    const problems: string[] = [];
    if (typeof value.function !== 'string') problems.push(`${where}.function must be a string`);
    if (value.payloadType !== 'TOKEN' && value.payloadType !== 'REQUEST') {
      problems.push(`${where}.payloadType must be TOKEN or REQUEST`);
    }
    if (typeof value.ttlSeconds !== 'number' || value.ttlSeconds < 0 || value.ttlSeconds > 3600) {
      problems.push(`${where}.ttlSeconds must be a number from 0 to 3600`);
    }
    if (!stringList(value.identitySource)) {
      problems.push(`${where}.identitySource must be a list`);
    }
    return problems;
  }
  if (value.type === 'jwt') {
    const problems: string[] = [];
    if (!stringList(value.issuers) || value.issuers.length === 0) {
      problems.push(`${where}.issuers must be a non-empty list`);
    }
    if (!stringList(value.audience)) problems.push(`${where}.audience must be a list`);
    if (!stringList(value.identitySource)) {
      problems.push(`${where}.identitySource must be a list`);
    }
    return problems;
  }
  return [`${where}.type must be lambda, jwt or unsupported`];
}

function listProblems(
  value: unknown,
  where: string,
  check: (item: Record<string, unknown>, at: string) => string[],
): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return [`${where} must be a list`];
  return value.flatMap((item: unknown, index) =>
    isRecord(item) ? check(item, `${where}[${index}]`) : [`${where}[${index}] must be a mapping`],
  );
}

function apiKeyProblems(key: Record<string, unknown>, where: string): string[] {
  const problems: string[] = [];
  if (typeof key.id !== 'string') problems.push(`${where}.id must be a string`);
  // The value itself is never echoed: only what is wrong with it.
  if (typeof key.value !== 'string' || !API_KEY_VALUE.test(key.value)) {
    problems.push(`${where}.value must be \${API_KEY_NAME} or 20 to 128 characters`);
  }
  if (typeof key.enabled !== 'boolean') problems.push(`${where}.enabled must be true or false`);
  return problems;
}

function methodThrottleProblems(entry: Record<string, unknown>, where: string): string[] {
  const problems = throttleProblems(entry.throttle ?? null, `${where}.throttle`);
  for (const field of ['api', 'path', 'method'] as const) {
    if (typeof entry[field] !== 'string') problems.push(`${where}.${field} must be a string`);
  }
  return problems;
}

function usagePlanProblems(plan: Record<string, unknown>, where: string): string[] {
  const problems = throttleProblems(plan.throttle, `${where}.throttle`);
  problems.push(
    ...listProblems(plan.methodThrottles, `${where}.methodThrottles`, methodThrottleProblems),
  );
  if (typeof plan.id !== 'string') problems.push(`${where}.id must be a string`);
  if (!stringList(plan.apis)) problems.push(`${where}.apis must be a list`);
  if (!stringList(plan.apiKeys)) problems.push(`${where}.apiKeys must be a list`);
  const quota = plan.quota;
  if (quota !== undefined) {
    if (!isRecord(quota) || typeof quota.limit !== 'number' || quota.limit < 0) {
      problems.push(`${where}.quota.limit must be a number >= 0`);
    } else if (!['DAY', 'WEEK', 'MONTH'].includes(String(quota.period))) {
      problems.push(`${where}.quota.period must be DAY, WEEK or MONTH`);
    }
  }
  return problems;
}

/** Problems with the top-level authorization sections of `routing.yml` (empty when valid). */
export function securityProblems(document: SecurityDocument): string[] {
  const { authorizers } = document;
  const problems: string[] = [];
  if (authorizers !== undefined) {
    if (!isRecord(authorizers)) problems.push('authorizers must be a mapping');
    else {
      for (const [name, value] of Object.entries(authorizers)) {
        problems.push(...authorizerProblems(value, `authorizers.${name}`));
      }
    }
  }
  problems.push(...listProblems(document.apiKeys, 'apiKeys', apiKeyProblems));
  problems.push(...listProblems(document.usagePlans, 'usagePlans', usagePlanProblems));
  return problems;
}

/** Problems with one route's `auth` / `throttle` (authorizer keys must exist). */
export function routeSecurityProblems(
  route: Record<string, unknown>,
  where: string,
  document: SecurityDocument,
): string[] {
  const problems = throttleProblems(route.throttle, `${where}.throttle`);
  const auth = route.auth;
  if (auth === undefined) return problems;
  if (!isRecord(auth)) return [...problems, `${where}.auth must be a mapping`];
  if (auth.authorizer !== undefined) {
    const known = isRecord(document.authorizers) ? document.authorizers : {};
    if (typeof auth.authorizer !== 'string' || !Object.hasOwn(known, auth.authorizer)) {
      problems.push(`${where}.auth.authorizer names no entry of authorizers`);
    }
  }
  if (
    auth.apiKeySource !== undefined &&
    auth.apiKeySource !== 'HEADER' &&
    auth.apiKeySource !== 'AUTHORIZER'
  ) {
    problems.push(`${where}.auth.apiKeySource must be HEADER or AUTHORIZER`);
  }
  if (auth.scopes !== undefined && !stringList(auth.scopes)) {
    problems.push(`${where}.auth.scopes must be a list`);
  }
  return problems;
}

/** Resolves a validated route's protection; undefined when the template sets none. */
export function resolveRouteSecurity(
  route: RouteDefinition,
  document: SecurityDocument,
): RouteSecurity | undefined {
  const { auth, throttle, api } = route;
  if (!auth && !throttle) return undefined;
  const authorizers = (document.authorizers ?? {}) as Record<string, AuthorizerDefinition>;
  const definition = auth?.authorizer ? authorizers[auth.authorizer] : undefined;
  const keys = (document.apiKeys ?? []) as ApiKeyDefinition[];
  const plans = ((document.usagePlans ?? []) as UsagePlanDefinition[])
    .filter((plan) => api !== undefined && plan.apis.includes(api))
    .map((plan) => ({ plan, keys: keys.filter((key) => plan.apiKeys.includes(key.id)) }));
  const security: RouteSecurity = {
    ...(api ? { api } : {}),
    apiKeyRequired: auth?.apiKeyRequired === true,
    apiKeySource: auth?.apiKeySource ?? 'HEADER',
    usagePlans: plans,
    ...(auth?.scopes?.length ? { scopes: auth.scopes } : {}),
    ...(throttle ? { throttle } : {}),
  };
  if (definition?.type === 'unsupported') {
    security.unsupportedAuthorizer = { name: auth!.authorizer!, reason: definition.reason };
  } else if (definition) {
    security.authorizer = { name: auth!.authorizer!, definition } as RunnableAuthorizer;
  }
  return security;
}
