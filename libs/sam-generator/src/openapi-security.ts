import type { ApiKind } from '@app/contracts';
import { ApiAuth } from './api-auth';
import { readRawAuthorizer, RawContext } from './cfn-authorizers';
import { TemplatePath } from './diagnostics';
import { RouteSpec } from './model';
import { templateText } from './template-text';

type Fields = Record<string, unknown>;

const AUTHORIZER = 'x-amazon-apigateway-authorizer';
const AUTH_TYPE = 'x-amazon-apigateway-authtype';

/** An authorizer an OpenAPI document declares, carried by the routes that use it. */
export interface DefinitionAuthorizer {
  name: string;
  scheme: Fields;
  path: TemplatePath;
}

/** What an operation's `security` says, in SAM event `Auth` words (read by `applyRouteAuth`). */
export interface DefinitionAuth {
  Authorizer?: string;
  AuthorizationScopes?: string[];
  ApiKeyRequired?: boolean;
  DefinitionAuthorizer?: DefinitionAuthorizer;
}

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** OpenAPI 2 `securityDefinitions` or OpenAPI 3 `components.securitySchemes`, with their path. */
function schemesOf(document: Fields): { schemes: Fields; at: string[] } {
  if (isRecord(document.securityDefinitions)) {
    return { schemes: document.securityDefinitions, at: ['securityDefinitions'] };
  }
  const components = isRecord(document.components) ? document.components : {};
  const schemes = isRecord(components.securitySchemes) ? components.securitySchemes : {};
  return { schemes, at: ['components', 'securitySchemes'] };
}

/**
 * The auth of one operation as API Gateway imports it: its `security` (else the document's)
 * names schemes; one with `x-amazon-apigateway-authorizer` is the route's authorizer (its list the
 * scopes), `x-amazon-apigateway-authtype: awsSigv4` is `AWS_IAM`, an `apiKey` scheme for the
 * `x-api-key` header makes the key required. `undefined` when it names none of these (the API's
 * `Auth` applies, as SAM adds its default authorizer to definition paths).
 */
export function operationAuth(
  document: Fields,
  operation: Fields,
  base: TemplatePath,
): DefinitionAuth | undefined {
  const requirements = operation.security ?? document.security;
  if (!Array.isArray(requirements)) return undefined;
  const { schemes, at } = schemesOf(document);
  const auth: DefinitionAuth = {};
  for (const requirement of requirements.filter(isRecord)) {
    for (const [name, scopes] of Object.entries(requirement)) {
      const scheme = schemes[name];
      if (!isRecord(scheme)) continue;
      if (isRecord(scheme[AUTHORIZER]) && auth.Authorizer === undefined) {
        auth.Authorizer = name;
        auth.DefinitionAuthorizer = { name, scheme, path: [...base, ...at, name] };
        const list = Array.isArray(scopes) ? scopes.map((scope) => templateText(scope)) : [];
        if (list.length > 0) auth.AuthorizationScopes = list;
      } else if (templateText(scheme[AUTH_TYPE] ?? '').toLowerCase() === 'awssigv4') {
        auth.Authorizer ??= 'AWS_IAM';
      } else if (
        scheme.type === 'apiKey' &&
        templateText(scheme.name ?? '').toLowerCase() === 'x-api-key'
      ) {
        auth.ApiKeyRequired = true;
      }
    }
  }
  return Object.keys(auth).length > 0 ? auth : undefined;
}

function list(value: unknown): string[] {
  if (value === undefined) return [];
  const items = Array.isArray(value) ? value : templateText(value).split(',');
  return items.map((item) => templateText(item).trim()).filter((item) => item !== '');
}

/** `x-amazon-apigateway-authorizer` in CloudFormation's property names. */
function asCloudFormation(kind: ApiKind, scheme: Fields): Fields {
  const authorizer = scheme[AUTHORIZER] as Fields;
  const identity = list(authorizer.identitySource);
  const common = {
    AuthorizerUri: authorizer.authorizerUri,
    AuthorizerResultTtlInSeconds: authorizer.authorizerResultTtlInSeconds,
  };
  const type = templateText(authorizer.type ?? '').toUpperCase();
  if (kind === 'rest') {
    // A TOKEN scheme names its header as the scheme's own `name` (`in: header`).
    const header = scheme.in === 'header' && scheme.name !== undefined ? [scheme.name] : [];
    return {
      ...common,
      Type: type,
      IdentitySource:
        identity.length > 0
          ? identity
          : header.map((name) => `method.request.header.${templateText(name)}`),
      IdentityValidationExpression: authorizer.identityValidationExpression,
      ProviderARNs: authorizer.providerARNs,
    };
  }
  const jwt = isRecord(authorizer.jwtConfiguration) ? authorizer.jwtConfiguration : undefined;
  return {
    ...common,
    AuthorizerType: type,
    IdentitySource: identity,
    AuthorizerPayloadFormatVersion: authorizer.authorizerPayloadFormatVersion,
    EnableSimpleResponses: authorizer.enableSimpleResponses,
    ...(jwt ? { JwtConfiguration: { Issuer: jwt.issuer, Audience: jwt.audience } } : {}),
  };
}

/**
 * Adds the authorizers OpenAPI definitions declare to their APIs, under the scheme's name (the
 * API's own `Auth.Authorizers` of the same name win, as in SAM).
 */
export function addDefinitionAuthorizers(
  routes: readonly RouteSpec[],
  apis: ReadonlyMap<string, ApiAuth>,
  context: RawContext,
): void {
  for (const route of routes) {
    const declared = (route.eventAuth as DefinitionAuth | undefined)?.DefinitionAuthorizer;
    const api = route.api !== undefined ? apis.get(route.api) : undefined;
    if (!declared || !api || api.declaredAuthorizers.has(declared.name)) continue;
    api.declaredAuthorizers.add(declared.name);
    const raw = {
      logicalId: declared.name,
      properties: asCloudFormation(api.kind, declared.scheme),
      path: declared.path,
    };
    const definition = readRawAuthorizer(api.kind, raw, context);
    if (definition) api.authorizers.set(declared.name, { definition });
  }
}
