import type { ApiKind, AuthorizerDefinition } from '@app/contracts';
import { IssueList, TemplatePath } from './diagnostics';
import { templateText } from './template-text';

/** API Gateway's default result TTL when an authorizer does not set `ReauthorizeEvery`. */
export const DEFAULT_AUTHORIZER_TTL_SECONDS = 300;
const MAX_AUTHORIZER_TTL_SECONDS = 3600;

/** Where one authorizer sits in the template, for messages. */
export interface AuthorizerSource {
  api: ApiKind;
  apiLogicalId: string;
  name: string;
  path: TemplatePath;
  /** Function names the template defines (an authorizer must be one of them to run here). */
  functionNames: ReadonlySet<string>;
}

type Fields = Record<string, unknown>;

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** `arn:aws:lambda:us-east-1:123:function:name[:alias]` → `name`. */
export function functionNameOfArn(arn: string): string | undefined {
  return /^arn:aws[a-z-]*:lambda:[^:]*:[^:]*:function:([A-Za-z0-9_-]+)(?::[^:]+)?$/.exec(arn)?.[1];
}

/** `arn:aws:cognito-idp:<region>:<account>:userpool/<pool id>` → the pool's token issuer. */
export function cognitoIssuerOfArn(arn: string): string | undefined {
  const match = /^arn:aws[a-z-]*:cognito-idp:([^:]+):[^:]*:userpool\/(.+)$/.exec(arn);
  return match ? `https://cognito-idp.${match[1]}.amazonaws.com/${match[2]}` : undefined;
}

/**
 * A user pool the template itself defines (`!GetAtt Pool.Arn` resolves to `Pool.Arn`): there is no
 * Cognito here, so its issuer comes from the Gateway's environment, `COGNITO_ISSUER_<POOL>`.
 */
export function cognitoIssuer(value: string): string {
  const issuer = cognitoIssuerOfArn(value);
  if (issuer) return issuer;
  const logicalId = value.replace(/\.Arn$/, '');
  return `\${COGNITO_ISSUER_${logicalId.toUpperCase().replace(/[^A-Z0-9]/g, '_')}}`;
}

function ttlOf(identity: Fields, source: AuthorizerSource, issues: IssueList): number {
  const declared = identity.ReauthorizeEvery;
  if (declared === undefined) return DEFAULT_AUTHORIZER_TTL_SECONDS;
  const ttl = Number(declared);
  if (!Number.isInteger(ttl) || ttl < 0 || ttl > MAX_AUTHORIZER_TTL_SECONDS) {
    issues.error(
      [...source.path, 'Identity', 'ReauthorizeEvery'],
      `authorizer ${source.name}: ReauthorizeEvery must be an integer from 0 to 3600`,
      source.apiLogicalId,
    );
    return 0;
  }
  return ttl;
}

/** REST `method.request.header.X`…, HTTP API `$request.header.X`… (SAM's flattening). */
function requestIdentitySources(identity: Fields, api: ApiKind): string[] {
  const prefixes: Array<[string, string, string]> = [
    ['Headers', 'method.request.header.', '$request.header.'],
    ['QueryStrings', 'method.request.querystring.', '$request.querystring.'],
    ['StageVariables', 'stageVariables.', '$stageVariables.'],
    ['Context', 'context.', '$context.'],
  ];
  return prefixes.flatMap(([key, rest, http]) =>
    stringList(identity[key]).map((name) => `${api === 'rest' ? rest : http}${name}`),
  );
}

function lambdaFunction(
  fields: Fields,
  source: AuthorizerSource,
  issues: IssueList,
): string | undefined {
  const arn = String(fields.FunctionArn);
  const name = functionNameOfArn(arn);
  if (name && source.functionNames.has(name)) return name;
  issues.ignored(
    [...source.path, 'FunctionArn'],
    `authorizer ${source.name} (function '${arn}')`,
    "the function is not in this template, so it cannot run here; its routes need the Gateway's own login",
    source.apiLogicalId,
  );
  return undefined;
}

function restAuthorizer(
  fields: Fields,
  source: AuthorizerSource,
  issues: IssueList,
): AuthorizerDefinition | undefined {
  const identity = isRecord(fields.Identity) ? fields.Identity : {};
  const validationExpression =
    identity.ValidationExpression !== undefined
      ? templateText(identity.ValidationExpression)
      : undefined;
  if (fields.UserPoolArn !== undefined) {
    return {
      type: 'jwt',
      api: 'rest',
      issuers: stringList(fields.UserPoolArn).map(cognitoIssuer),
      audience: [],
      identitySource: [`method.request.header.${templateText(identity.Header ?? 'Authorization')}`],
      ...(validationExpression !== undefined ? { validationExpression } : {}),
    };
  }
  if (fields.FunctionArn === undefined) {
    issues.error(
      source.path,
      `authorizer ${source.name} needs FunctionArn or UserPoolArn`,
      source.apiLogicalId,
    );
    return undefined;
  }
  const payloadType = templateText(fields.FunctionPayloadType ?? 'TOKEN');
  if (payloadType !== 'TOKEN' && payloadType !== 'REQUEST') {
    issues.error(
      [...source.path, 'FunctionPayloadType'],
      `authorizer ${source.name}: FunctionPayloadType must be TOKEN or REQUEST`,
      source.apiLogicalId,
    );
    return undefined;
  }
  const fn = lambdaFunction(fields, source, issues);
  if (!fn) return { type: 'unsupported', reason: `authorizer function outside the template` };
  const identitySource =
    payloadType === 'TOKEN'
      ? [`method.request.header.${templateText(identity.Header ?? 'Authorization')}`]
      : requestIdentitySources(identity, 'rest');
  const ttlSeconds = ttlOf(identity, source, issues);
  if (payloadType === 'REQUEST' && identitySource.length === 0 && ttlSeconds > 0) {
    issues.error(
      [...source.path, 'Identity'],
      `authorizer ${source.name} must specify Identity with at least one of Headers, QueryStrings, StageVariables or Context (or ReauthorizeEvery: 0)`,
      source.apiLogicalId,
    );
    return undefined;
  }
  return {
    type: 'lambda',
    api: 'rest',
    function: fn,
    payloadType,
    identitySource,
    ...(payloadType === 'TOKEN' && validationExpression !== undefined
      ? { validationExpression }
      : {}),
    ttlSeconds,
  };
}

/** `JwtConfiguration` keys are lower case in SAM's docs and capitalised in CloudFormation. */
function jwtField(configuration: Fields, name: string): unknown {
  return configuration[name] ?? configuration[name.toLowerCase()];
}

function httpAuthorizer(
  fields: Fields,
  source: AuthorizerSource,
  issues: IssueList,
): AuthorizerDefinition | undefined {
  if (isRecord(fields.JwtConfiguration)) {
    const issuer = jwtField(fields.JwtConfiguration, 'Issuer');
    if (issuer === undefined) {
      issues.error(
        [...source.path, 'JwtConfiguration'],
        `authorizer ${source.name}: JwtConfiguration needs an issuer`,
        source.apiLogicalId,
      );
      return undefined;
    }
    return {
      type: 'jwt',
      api: 'http',
      issuers: [templateText(issuer)],
      audience: stringList(jwtField(fields.JwtConfiguration, 'Audience')),
      identitySource: stringList(fields.IdentitySource ?? '$request.header.Authorization'),
    };
  }
  if (fields.FunctionArn === undefined) {
    issues.error(
      source.path,
      `authorizer ${source.name} needs FunctionArn or JwtConfiguration`,
      source.apiLogicalId,
    );
    return undefined;
  }
  const payload = httpLambdaPayload(fields, source.name, source.path, source.apiLogicalId, issues);
  if (!payload) return undefined;
  const fn = lambdaFunction(fields, source, issues);
  if (!fn) return { type: 'unsupported', reason: `authorizer function outside the template` };
  const identity = isRecord(fields.Identity) ? fields.Identity : {};
  const identitySource = requestIdentitySources(identity, 'http');
  return httpLambdaAuthorizer(fn, payload, identitySource, () => ttlOf(identity, source, issues));
}

export interface HttpLambdaPayload {
  payloadFormat: '1.0' | '2.0';
  simpleResponses: boolean;
}

/**
 * An HTTP API Lambda authorizer's `AuthorizerPayloadFormatVersion` (required, 1.0 / 2.0; YAML
 * reads `2.0` as the number 2) and `EnableSimpleResponses` (2.0 only), in SAM's and
 * CloudFormation's words alike. `undefined` after an error (reported).
 */
export function httpLambdaPayload(
  fields: Fields,
  name: string,
  path: TemplatePath,
  logicalId: string,
  issues: IssueList,
): HttpLambdaPayload | undefined {
  const declared = fields.AuthorizerPayloadFormatVersion;
  const payloadFormat =
    typeof declared === 'number' ? declared.toFixed(1) : templateText(declared ?? '');
  if (payloadFormat !== '1.0' && payloadFormat !== '2.0') {
    issues.error(
      [...path, 'AuthorizerPayloadFormatVersion'],
      `authorizer ${name}: AuthorizerPayloadFormatVersion must be '1.0' or '2.0'`,
      logicalId,
    );
    return undefined;
  }
  const simpleResponses =
    fields.EnableSimpleResponses === true || fields.EnableSimpleResponses === 'true';
  if (simpleResponses && payloadFormat !== '2.0') {
    issues.error(
      [...path, 'EnableSimpleResponses'],
      `authorizer ${name}: EnableSimpleResponses needs AuthorizerPayloadFormatVersion '2.0'`,
      logicalId,
    );
    return undefined;
  }
  return { payloadFormat, simpleResponses };
}

/** The HTTP API Lambda authorizer; without identity sources never cached (nothing to key on). */
export function httpLambdaAuthorizer(
  fn: string,
  payload: HttpLambdaPayload,
  identitySource: string[],
  ttl: () => number,
): AuthorizerDefinition {
  return {
    type: 'lambda',
    api: 'http',
    function: fn,
    payloadType: 'REQUEST',
    ...payload,
    identitySource,
    ttlSeconds: identitySource.length === 0 ? 0 : ttl(),
  };
}

/**
 * One entry of `Auth.Authorizers`, already resolved. REST: Lambda TOKEN/REQUEST or Cognito user
 * pool; HTTP API: Lambda REQUEST (payload 1.0/2.0, simple responses) or JWT. `undefined` after an
 * error (reported).
 */
export function readAuthorizer(
  value: unknown,
  source: AuthorizerSource,
  issues: IssueList,
): AuthorizerDefinition | undefined {
  if (!isRecord(value)) {
    issues.error(source.path, `authorizer ${source.name} must be a mapping`, source.apiLogicalId);
    return undefined;
  }
  reportUnreadAuthorizerKeys(value, source, issues);
  return source.api === 'rest'
    ? restAuthorizer(value, source, issues)
    : httpAuthorizer(value, source, issues);
}

/** The authorizer keys read here (besides `FunctionInvokeRole`, which needs no counterpart). */
const READ_AUTHORIZER_KEYS: Record<ApiKind, string[]> = {
  rest: ['FunctionArn', 'FunctionPayloadType', 'Identity', 'UserPoolArn', 'AuthorizationScopes'],
  http: [
    'FunctionArn',
    'AuthorizerPayloadFormatVersion',
    'EnableSimpleResponses',
    'Identity',
    'IdentitySource',
    'JwtConfiguration',
    'AuthorizationScopes',
  ],
};
const READ_IDENTITY_KEYS = [
  'Header',
  'ValidationExpression',
  'ReauthorizeEvery',
  'Headers',
  'QueryStrings',
  'StageVariables',
  'Context',
];
const PERMISSION_KEYS = [
  'FunctionInvokeRole',
  'DisableFunctionDefaultPermissions',
  'EnableFunctionDefaultPermissions',
];

function reportUnreadAuthorizerKeys(
  fields: Fields,
  source: AuthorizerSource,
  issues: IssueList,
): void {
  for (const key of Object.keys(fields)) {
    if (READ_AUTHORIZER_KEYS[source.api].includes(key)) continue;
    const meaning = PERMISSION_KEYS.includes(key)
      ? 'the Gateway invokes the authorizer itself; no role or permission is needed'
      : 'not modelled by onpre-lambda; it has no effect here';
    issues.ignored(
      [...source.path, key],
      `authorizer ${source.name}: ${key}`,
      meaning,
      source.apiLogicalId,
    );
  }
  const identity = isRecord(fields.Identity) ? fields.Identity : {};
  for (const key of Object.keys(identity).filter((name) => !READ_IDENTITY_KEYS.includes(name))) {
    issues.ignored(
      [...source.path, 'Identity', key],
      `authorizer ${source.name}: Identity.${key}`,
      'not modelled by onpre-lambda; it has no effect here',
      source.apiLogicalId,
    );
  }
}

/** The authorizer's own default `AuthorizationScopes` (applied to routes that name none). */
export function authorizerScopes(value: unknown): string[] | undefined {
  if (!isRecord(value) || value.AuthorizationScopes === undefined) return undefined;
  return stringList(value.AuthorizationScopes);
}
