import type { ApiKind, AuthorizerDefinition } from '@app/contracts';
import { ApiAuth, ApiAuthorizer, readApiKeySource } from './api-auth';
import {
  cognitoIssuer,
  DEFAULT_AUTHORIZER_TTL_SECONDS,
  httpLambdaAuthorizer,
  httpLambdaPayload,
} from './authorizers';
import { IssueList, TemplateError, TemplatePath } from './diagnostics';
import { IntrinsicResolver, TemplateResource } from './intrinsics';
import { functionOfIntegrationUri } from './openapi-routes';
import { templateText } from './template-text';

type Fields = Record<string, unknown>;

export const CFN_AUTHORIZER_TYPES = [
  'AWS::ApiGateway::Authorizer',
  'AWS::ApiGatewayV2::Authorizer',
];
const MAX_TTL_SECONDS = 3600;
/** The raw CloudFormation API types and the kind of API each is. */
const RAW_APIS: Record<string, ApiKind> = {
  'AWS::ApiGateway::RestApi': 'rest',
  'AWS::ApiGatewayV2::Api': 'http',
};

export interface RawContext {
  resolver: IntrinsicResolver;
  issues: IssueList;
  functionNames: ReadonlySet<string>;
}

/** One `AWS::ApiGateway::Authorizer` / `AWS::ApiGatewayV2::Authorizer`, for messages. */
export interface RawAuthorizer {
  logicalId: string;
  properties: Fields;
  path: TemplatePath;
}

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function resolved(id: string, resource: TemplateResource, context: RawContext): Fields | undefined {
  const path = ['Resources', id, 'Properties'];
  try {
    const value = context.resolver.resolve(resource.Properties ?? {}, path);
    return isRecord(value) ? value : {};
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    context.issues.error(error.path, error.message, id);
    return undefined;
  }
}

function list(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map((item) => templateText(item));
}

/** `AuthorizerResultTtlInSeconds` (0–3600, default 300 as API Gateway). */
function ttlOf(raw: RawAuthorizer, issues: IssueList): number | undefined {
  const declared = raw.properties.AuthorizerResultTtlInSeconds;
  if (declared === undefined) return DEFAULT_AUTHORIZER_TTL_SECONDS;
  const ttl = Number(declared);
  if (Number.isInteger(ttl) && ttl >= 0 && ttl <= MAX_TTL_SECONDS) return ttl;
  issues.error(
    [...raw.path, 'AuthorizerResultTtlInSeconds'],
    'AuthorizerResultTtlInSeconds must be an integer from 0 to 3600',
    raw.logicalId,
  );
  return undefined;
}

/** The template function an `AuthorizerUri` invokes; `undefined` (reported) otherwise. */
function authorizerFunction(raw: RawAuthorizer, context: RawContext): string | undefined {
  const uri = raw.properties.AuthorizerUri;
  const name = functionOfIntegrationUri(uri);
  if (name && context.functionNames.has(name)) return name;
  if (name === undefined) {
    context.issues.error(
      [...raw.path, 'AuthorizerUri'],
      `authorizer ${raw.logicalId}: AuthorizerUri names no Lambda function`,
      raw.logicalId,
    );
    return undefined;
  }
  context.issues.ignored(
    [...raw.path, 'AuthorizerUri'],
    `authorizer ${raw.logicalId} (function '${name}')`,
    "the function is not in this template, so it cannot run here; its routes need the Gateway's own login",
    raw.logicalId,
  );
  return undefined;
}

const OUTSIDE: AuthorizerDefinition = {
  type: 'unsupported',
  reason: 'authorizer function outside the template',
};

/** REST `Type: TOKEN | REQUEST | COGNITO_USER_POOLS`. */
function restAuthorizer(raw: RawAuthorizer, context: RawContext): AuthorizerDefinition | undefined {
  const { properties, path, logicalId } = raw;
  const type = templateText(properties.Type ?? '').toUpperCase();
  const identity = list(properties.IdentitySource)
    .flatMap((source) => source.split(','))
    .map((source) => source.trim())
    .filter((source) => source !== '');
  const expression =
    properties.IdentityValidationExpression !== undefined
      ? { validationExpression: templateText(properties.IdentityValidationExpression) }
      : {};
  if (type === 'COGNITO_USER_POOLS') {
    const providers = list(properties.ProviderARNs);
    if (providers.length === 0) {
      context.issues.error(
        [...path, 'ProviderARNs'],
        'a Cognito authorizer needs ProviderARNs',
        logicalId,
      );
      return undefined;
    }
    return {
      type: 'jwt',
      api: 'rest',
      issuers: providers.map(cognitoIssuer),
      audience: [],
      identitySource: identity.length > 0 ? identity : ['method.request.header.Authorization'],
      ...expression,
    };
  }
  if (type !== 'TOKEN' && type !== 'REQUEST') {
    context.issues.error(
      [...path, 'Type'],
      `authorizer ${logicalId}: Type must be TOKEN, REQUEST or COGNITO_USER_POOLS`,
      logicalId,
    );
    return undefined;
  }
  const ttlSeconds = ttlOf(raw, context.issues);
  if (ttlSeconds === undefined) return undefined;
  if (identity.length === 0 && (type === 'TOKEN' || ttlSeconds > 0)) {
    context.issues.error(
      [...path, 'IdentitySource'],
      `authorizer ${logicalId}: IdentitySource is required${type === 'REQUEST' ? ' when results are cached' : ''}`,
      logicalId,
    );
    return undefined;
  }
  const fn = authorizerFunction(raw, context);
  if (!fn) return OUTSIDE;
  return {
    type: 'lambda',
    api: 'rest',
    function: fn,
    payloadType: type,
    identitySource: type === 'TOKEN' ? identity.slice(0, 1) : identity,
    ...(type === 'TOKEN' ? expression : {}),
    ttlSeconds,
  };
}

/** HTTP API `AuthorizerType: JWT | REQUEST`. */
function httpAuthorizer(raw: RawAuthorizer, context: RawContext): AuthorizerDefinition | undefined {
  const { properties, path, logicalId } = raw;
  const type = templateText(properties.AuthorizerType ?? '').toUpperCase();
  const identitySource = list(properties.IdentitySource);
  if (type === 'JWT') {
    const jwt = isRecord(properties.JwtConfiguration) ? properties.JwtConfiguration : {};
    if (jwt.Issuer === undefined) {
      context.issues.error(
        [...path, 'JwtConfiguration'],
        'a JWT authorizer needs JwtConfiguration.Issuer',
        logicalId,
      );
      return undefined;
    }
    return {
      type: 'jwt',
      api: 'http',
      issuers: [templateText(jwt.Issuer)],
      audience: list(jwt.Audience),
      identitySource:
        identitySource.length > 0 ? identitySource : ['$request.header.Authorization'],
    };
  }
  if (type !== 'REQUEST') {
    context.issues.error(
      [...path, 'AuthorizerType'],
      `authorizer ${logicalId}: AuthorizerType must be JWT or REQUEST`,
      logicalId,
    );
    return undefined;
  }
  const payload = httpLambdaPayload(properties, logicalId, path, logicalId, context.issues);
  if (!payload) return undefined;
  const ttl = ttlOf(raw, context.issues);
  if (ttl === undefined) return undefined;
  const fn = authorizerFunction(raw, context);
  if (!fn) return OUTSIDE;
  return httpLambdaAuthorizer(fn, payload, identitySource, () => ttl);
}

/** An authorizer in CloudFormation's words, for a REST or an HTTP API. */
export function readRawAuthorizer(
  kind: ApiKind,
  raw: RawAuthorizer,
  context: RawContext,
): AuthorizerDefinition | undefined {
  return kind === 'rest' ? restAuthorizer(raw, context) : httpAuthorizer(raw, context);
}

/**
 * Auth of raw CloudFormation APIs (`AWS::ApiGateway::RestApi`, `AWS::ApiGatewayV2::Api`): their
 * `AWS::ApiGateway::Authorizer` / `AWS::ApiGatewayV2::Authorizer` resources, keyed by logical id
 * (what a method's or route's `AuthorizerId: !Ref X` names), and a REST API's key source. Methods
 * and routes say themselves which authorizer they use (no default).
 */
export function readCloudFormationApis(
  resources: Array<[string, TemplateResource]>,
  context: RawContext,
): Map<string, ApiAuth> {
  const apis = new Map<string, ApiAuth>();
  for (const [logicalId, resource] of resources) {
    const kind = RAW_APIS[resource.Type];
    if (!kind) continue;
    const path = ['Resources', logicalId, 'Properties'];
    const properties = resource.Properties ?? {};
    const apiKeySource =
      kind === 'rest'
        ? readApiKeySource(
            logicalId,
            { ApiKeySourceType: properties.ApiKeySourceType, DefinitionBody: properties.Body },
            path,
            context.issues,
          )
        : undefined;
    apis.set(logicalId, {
      logicalId,
      kind,
      path,
      authorizersPlace: `${resource.Type === 'AWS::ApiGateway::RestApi' ? 'AWS::ApiGateway' : 'AWS::ApiGatewayV2'}::Authorizer resources`,
      authorizers: new Map<string, ApiAuthorizer>(),
      declaredAuthorizers: new Set<string>(),
      apiKeyRequired: false,
      ...(apiKeySource ? { apiKeySource } : {}),
      throttleRules: [],
    });
  }
  for (const [logicalId, resource] of resources) {
    const kind = CFN_AUTHORIZER_TYPES.indexOf(resource.Type);
    if (kind < 0) continue;
    const properties = resolved(logicalId, resource, context);
    if (!properties) continue;
    const path = ['Resources', logicalId, 'Properties'];
    const apiProperty = kind === 0 ? 'RestApiId' : 'ApiId';
    const api = apis.get(templateText(properties[apiProperty] ?? ''));
    if (!api) {
      context.issues.warning(
        [...path, apiProperty],
        `authorizer ${logicalId} belongs to no AWS::ApiGateway::RestApi / AWS::ApiGatewayV2::Api of this template; not used`,
        logicalId,
      );
      continue;
    }
    api.declaredAuthorizers.add(logicalId);
    const raw = { logicalId, properties, path };
    const definition = readRawAuthorizer(kind === 0 ? 'rest' : 'http', raw, context);
    if (definition) api.authorizers.set(logicalId, { definition });
  }
  return apis;
}
