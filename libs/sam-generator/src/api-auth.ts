import type {
  ApiKeySource,
  ApiKind,
  AuthorizerDefinition,
  ThrottleDefinition,
} from '@app/contracts';
import { authorizerScopes, readAuthorizer } from './authorizers';
import { IssueList, TemplatePath } from './diagnostics';
import { mergeGlobals } from './globals';
import { IntrinsicResolver, resolveEach, TemplateResource } from './intrinsics';
import { templateText } from './template-text';

/** The APIs SAM creates when an event names none. */
export const IMPLICIT_APIS: Record<ApiKind, string> = {
  rest: 'ServerlessRestApi',
  http: 'ServerlessHttpApi',
};

const API_TYPES: Record<string, ApiKind> = {
  'AWS::Serverless::Api': 'rest',
  'AWS::Serverless::HttpApi': 'http',
};
const GLOBALS_SECTION: Record<ApiKind, string> = { rest: 'Api', http: 'HttpApi' };
/** The API properties this module reads. */
export const AUTH_PROPERTIES = [
  'Auth',
  'MethodSettings',
  'DefaultRouteSettings',
  'RouteSettings',
  'ApiKeySourceType',
];
const API_KEY_SOURCES: readonly ApiKeySource[] = ['HEADER', 'AUTHORIZER'];
/** The OpenAPI extension that sets a REST API's key source (the property wins over it). */
const OPENAPI_KEY_SOURCE = 'x-amazon-apigateway-api-key-source';
/** `Auth` keys with no effect here (IAM and resource policies have no counterpart on-prem). */
const IGNORED_AUTH_KEYS: Record<ApiKind, string[]> = {
  rest: [
    'AddDefaultAuthorizerToCorsPreflight',
    'AddApiKeyRequiredToCorsPreflight',
    'DisableFunctionDefaultPermissions',
  ],
  http: [],
};
const READ_AUTH_KEYS = ['Authorizers', 'DefaultAuthorizer', 'ApiKeyRequired', 'UsagePlan'];
const IGNORED_AUTH_MEANING = 'not enforced here (no IAM or resource policies on-prem)';
/** API Gateway's account-level defaults, used for the half of a throttle a template leaves out. */
const ACCOUNT_THROTTLE: ThrottleDefinition = { rateLimit: 10_000, burstLimit: 5_000 };

export interface ApiAuthorizer {
  definition: AuthorizerDefinition;
  /** The authorizer's default `AuthorizationScopes`. */
  scopes?: string[];
}

interface ThrottleRule {
  path: string;
  method: string;
  throttle: ThrottleDefinition;
}

/** What one API (explicit, or SAM's implicit one) says about auth and throttling. */
export interface ApiAuth {
  logicalId: string;
  kind: ApiKind;
  /** Where the API's `Auth` is declared, for messages about it. */
  path: TemplatePath;
  authorizers: Map<string, ApiAuthorizer>;
  /** Where its authorizers are declared, for messages (default `Auth.Authorizers`). */
  authorizersPlace?: string;
  /** Every name under `Auth.Authorizers`, also those with errors (already reported). */
  declaredAuthorizers: Set<string>;
  defaultAuthorizer?: string;
  apiKeyRequired: boolean;
  /** `ApiKeySourceType` (or the OpenAPI definition's key source); absent: `HEADER`. */
  apiKeySource?: ApiKeySource;
  /** SAM's `Auth.UsagePlan`, resolved. */
  usagePlan?: Record<string, unknown>;
  throttleRules: ThrottleRule[];
}

type Fields = Record<string, unknown>;

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function throttleOf(settings: Fields): ThrottleDefinition | undefined {
  const rate = settings.ThrottlingRateLimit;
  const burst = settings.ThrottlingBurstLimit;
  if (rate === undefined && burst === undefined) return undefined;
  return {
    rateLimit: rate !== undefined ? Number(rate) : ACCOUNT_THROTTLE.rateLimit,
    burstLimit: burst !== undefined ? Number(burst) : ACCOUNT_THROTTLE.burstLimit,
  };
}

/** REST `MethodSettings` (`ResourcePath` with `/` encoded as `~1`, `/*` for all) and HTTP API route settings. */
function throttleRules(kind: ApiKind, properties: Fields): ThrottleRule[] {
  const rules: ThrottleRule[] = [];
  if (kind === 'rest') {
    const settings = Array.isArray(properties.MethodSettings) ? properties.MethodSettings : [];
    for (const setting of settings.filter(isRecord)) {
      const throttle = throttleOf(setting);
      if (!throttle) continue;
      const declared = templateText(setting.ResourcePath ?? '/*');
      const path = declared.startsWith('/~1') ? declared.slice(1).replace(/~1/g, '/') : declared;
      rules.push({ path, method: templateText(setting.HttpMethod ?? '*').toUpperCase(), throttle });
    }
    return rules;
  }
  const fallback = isRecord(properties.DefaultRouteSettings)
    ? throttleOf(properties.DefaultRouteSettings)
    : undefined;
  if (fallback) rules.push({ path: '/*', method: '*', throttle: fallback });
  const perRoute = isRecord(properties.RouteSettings) ? properties.RouteSettings : {};
  for (const [routeKey, setting] of Object.entries(perRoute)) {
    const throttle = isRecord(setting) ? throttleOf(setting) : undefined;
    const [method, path] = routeKey.split(' ');
    if (throttle && path) rules.push({ path, method: method.toUpperCase(), throttle });
  }
  return rules;
}

/** The most specific rule: exact path before `/*`, then named method before `*`. */
export function throttleFor(
  api: ApiAuth,
  method: string,
  path: string,
): ThrottleDefinition | undefined {
  const rank = (rule: ThrottleRule) => {
    const pathRank = rule.path === path ? 0 : rule.path === '/*' ? 2 : -1;
    const methodRank =
      rule.method === method || rule.method === 'ANY' ? 0 : rule.method === '*' ? 1 : -1;
    return pathRank < 0 || methodRank < 0 ? -1 : pathRank + methodRank;
  };
  const matching = api.throttleRules
    .filter((rule) => rank(rule) >= 0)
    .sort((a, b) => rank(a) - rank(b));
  return matching[0]?.throttle;
}

function resolveProperties(
  properties: Fields,
  path: TemplatePath,
  resolver: IntrinsicResolver,
  issues: IssueList,
  logicalId?: string,
): Fields {
  return resolveEach(properties, AUTH_PROPERTIES, path, resolver, issues, logicalId);
}

/**
 * A REST API's `ApiKeySourceType` (also `AWS::ApiGateway::RestApi`'s), else its OpenAPI body's
 * `x-amazon-apigateway-api-key-source`: `HEADER` reads `x-api-key`, `AUTHORIZER` the Lambda
 * authorizer's `usageIdentifierKey`. Anything else is an error.
 */
export function readApiKeySource(
  logicalId: string,
  properties: Fields,
  path: TemplatePath,
  issues: IssueList,
): ApiKeySource | undefined {
  const body = isRecord(properties.DefinitionBody) ? properties.DefinitionBody : {};
  const [declared, where] =
    properties.ApiKeySourceType !== undefined
      ? [properties.ApiKeySourceType, [...path, 'ApiKeySourceType']]
      : [body[OPENAPI_KEY_SOURCE], [...path, 'DefinitionBody', OPENAPI_KEY_SOURCE]];
  if (declared === undefined) return undefined;
  const source = templateText(declared).toUpperCase();
  if ((API_KEY_SOURCES as readonly string[]).includes(source)) return source as ApiKeySource;
  issues.error(where, 'ApiKeySourceType must be HEADER or AUTHORIZER', logicalId);
  return undefined;
}

interface ApiReadContext {
  resolver: IntrinsicResolver;
  issues: IssueList;
  functionNames: ReadonlySet<string>;
}

function readApi(
  logicalId: string,
  kind: ApiKind,
  properties: Fields,
  authPath: TemplatePath,
  context: ApiReadContext,
): ApiAuth {
  const { issues } = context;
  const apiKeySource =
    kind === 'rest'
      ? readApiKeySource(logicalId, properties, ['Resources', logicalId, 'Properties'], issues)
      : undefined;
  const auth = isRecord(properties.Auth) ? properties.Auth : {};
  for (const key of Object.keys(auth)) {
    if (READ_AUTH_KEYS.includes(key) || IGNORED_AUTH_KEYS[kind].includes(key)) continue;
    issues.ignored([...authPath, key], `Auth.${key}`, IGNORED_AUTH_MEANING, logicalId);
  }
  const authorizers = new Map<string, ApiAuthorizer>();
  const declared = isRecord(auth.Authorizers) ? auth.Authorizers : {};
  for (const [name, value] of Object.entries(declared)) {
    const path = [...authPath, 'Authorizers', name];
    const source = { api: kind, apiLogicalId: logicalId, name, path, ...context };
    const definition = readAuthorizer(value, source, issues);
    const scopes = authorizerScopes(value);
    if (definition) authorizers.set(name, { definition, ...(scopes ? { scopes } : {}) });
  }
  if (auth.DefaultAuthorizer !== undefined && typeof auth.DefaultAuthorizer !== 'string') {
    issues.error(
      [...authPath, 'DefaultAuthorizer'],
      'DefaultAuthorizer must be a string',
      logicalId,
    );
  }
  const defaultAuthorizer =
    typeof auth.DefaultAuthorizer === 'string' ? auth.DefaultAuthorizer : undefined;
  return {
    logicalId,
    kind,
    path: authPath,
    authorizers,
    declaredAuthorizers: new Set(Object.keys(declared)),
    ...(defaultAuthorizer ? { defaultAuthorizer } : {}),
    apiKeyRequired: auth.ApiKeyRequired === true,
    ...(apiKeySource ? { apiKeySource } : {}),
    ...(isRecord(auth.UsagePlan) ? { usagePlan: auth.UsagePlan } : {}),
    throttleRules: throttleRules(kind, properties),
  };
}

/**
 * The auth of every API the routes use: each `AWS::Serverless::Api` / `HttpApi` with
 * `Globals.Api` / `Globals.HttpApi` merged in (SAM's rules), and SAM's implicit
 * `ServerlessRestApi` / `ServerlessHttpApi`, which get the globals only.
 */
export function readApis(
  resources: Array<[string, TemplateResource]>,
  globals: Record<string, unknown> | undefined,
  usedApis: ReadonlySet<string>,
  context: ApiReadContext,
): Map<string, ApiAuth> {
  const { resolver, issues } = context;
  const resolvedGlobals = (kind: ApiKind): Fields => {
    const section = globals?.[GLOBALS_SECTION[kind]];
    const path = ['Globals', GLOBALS_SECTION[kind]];
    return isRecord(section) ? resolveProperties(section, path, resolver, issues) : {};
  };
  const apis = new Map<string, ApiAuth>();
  for (const [logicalId, resource] of resources) {
    const kind = API_TYPES[resource.Type];
    if (!kind) continue;
    const base = ['Resources', logicalId, 'Properties'];
    const own = resolveProperties(resource.Properties ?? {}, base, resolver, issues, logicalId);
    const authPath =
      own.Auth !== undefined ? [...base, 'Auth'] : ['Globals', GLOBALS_SECTION[kind], 'Auth'];
    // Only its API key source is read from an inline OpenAPI body here (routes: api-definitions).
    const merged = {
      ...mergeGlobals(resolvedGlobals(kind), own),
      DefinitionBody: resource.Properties?.DefinitionBody,
    };
    apis.set(logicalId, readApi(logicalId, kind, merged, authPath, context));
  }
  for (const kind of ['rest', 'http'] as const) {
    const logicalId = IMPLICIT_APIS[kind];
    if (apis.has(logicalId) || !usedApis.has(logicalId)) continue;
    const authPath = ['Globals', GLOBALS_SECTION[kind], 'Auth'];
    apis.set(logicalId, readApi(logicalId, kind, resolvedGlobals(kind), authPath, context));
  }
  return apis;
}
