import type { ApiDefinition, ApiKind } from '@app/contracts';
import { IMPLICIT_APIS } from './api-auth';
import { readHttpCors, readRestCors } from './cors-config';
import { IssueList, TemplateError, TemplatePath } from './diagnostics';
import { mergeGlobals } from './globals';
import { IntrinsicResolver, TemplateResource } from './intrinsics';
import { templateText } from './template-text';

type Fields = Record<string, unknown>;

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The API properties this module reads, per SAM resource type (the rest are h16's or ignored). */
export const API_SETTINGS_PROPERTIES: Record<ApiKind, string[]> = {
  rest: ['StageName', 'Variables', 'Cors', 'BinaryMediaTypes'],
  http: ['StageName', 'StageVariables', 'CorsConfiguration'],
};
const SAM_TYPES: Record<string, ApiKind> = {
  'AWS::Serverless::Api': 'rest',
  'AWS::Serverless::HttpApi': 'http',
};
const GLOBALS_SECTION: Record<ApiKind, string> = { rest: 'Api', http: 'HttpApi' };
/** SAM's stage names when a template names none: `Prod` for REST, `$default` for an HTTP API. */
const DEFAULT_STAGE: Record<ApiKind, string> = { rest: 'Prod', http: '$default' };
const STAGE_NAME = /^([A-Za-z0-9_-]+|\$default)$/;

export interface ApiSettingsContext {
  resolver: IntrinsicResolver;
  issues: IssueList;
}

/** Resolves one property, reporting (and skipping) what cannot be resolved. */
function resolved(
  properties: Fields,
  key: string,
  path: TemplatePath,
  context: ApiSettingsContext,
  logicalId?: string,
): unknown {
  if (properties[key] === undefined) return undefined;
  try {
    return context.resolver.resolve(properties[key], [...path, key]);
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    context.issues.error(error.path, error.message, logicalId);
    return undefined;
  }
}

function stringMap(value: unknown, path: TemplatePath): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) throw new TemplateError(path, 'must map variable names to values');
  return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, String(item)]));
}

/** `image~1png` is how OpenAPI paths (and so API Gateway) spell `image/png`. */
function mediaTypes(value: unknown, path: TemplatePath): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw new TemplateError(path, 'must be a list of media types');
  return value.map((type) => String(type).replace(/~1/g, '/'));
}

interface SettingsSource {
  kind: ApiKind;
  /** Property values, resolved, and where each was declared. */
  values: Fields;
  where: Record<string, TemplatePath>;
  logicalId?: string;
}

function definitionOf(source: SettingsSource): ApiDefinition {
  const { kind, values, where } = source;
  const stage =
    values.StageName === undefined ? DEFAULT_STAGE[kind] : templateText(values.StageName);
  if (!STAGE_NAME.test(stage)) {
    throw new TemplateError(where.StageName, `StageName '${stage}' must be [A-Za-z0-9_-]+`);
  }
  const variablesKey = kind === 'rest' ? 'Variables' : 'StageVariables';
  const stageVariables = stringMap(values[variablesKey], where[variablesKey] ?? []);
  const corsKey = kind === 'rest' ? 'Cors' : 'CorsConfiguration';
  const cors =
    values[corsKey] === undefined
      ? undefined
      : kind === 'rest'
        ? readRestCors(values[corsKey], where[corsKey])
        : readHttpCors(values[corsKey], where[corsKey]);
  const binaryMediaTypes = mediaTypes(values.BinaryMediaTypes, where.BinaryMediaTypes ?? []);
  return {
    kind,
    stage,
    ...(stageVariables && Object.keys(stageVariables).length > 0 ? { stageVariables } : {}),
    ...(cors ? { cors } : {}),
    ...(binaryMediaTypes?.length ? { binaryMediaTypes } : {}),
  };
}

function samSource(
  kind: ApiKind,
  globals: Fields | undefined,
  own: { properties: Fields; logicalId: string } | undefined,
  context: ApiSettingsContext,
): SettingsSource {
  const values: Fields = {};
  const where: Record<string, TemplatePath> = {};
  const globalPath = ['Globals', GLOBALS_SECTION[kind]];
  const ownPath = own ? ['Resources', own.logicalId, 'Properties'] : [];
  for (const key of API_SETTINGS_PROPERTIES[kind]) {
    const inherited = globals ? resolved(globals, key, globalPath, context) : undefined;
    const mine = own ? resolved(own.properties, key, ownPath, context, own.logicalId) : undefined;
    if (mine === undefined && inherited === undefined) continue;
    values[key] =
      isRecord(inherited) && isRecord(mine) ? mergeGlobals(inherited, mine) : (mine ?? inherited);
    where[key] = mine !== undefined ? [...ownPath, key] : [...globalPath, key];
  }
  return { kind, values, where, ...(own ? { logicalId: own.logicalId } : {}) };
}

/** The stage a raw `AWS::ApiGateway::Stage` / `AWS::ApiGatewayV2::Stage` gives an API. */
function rawStages(
  resources: Array<[string, TemplateResource]>,
  context: ApiSettingsContext,
): Map<string, SettingsSource> {
  const stages = new Map<string, SettingsSource>();
  for (const [logicalId, resource] of resources) {
    const kind: ApiKind | undefined =
      resource.Type === 'AWS::ApiGateway::Stage'
        ? 'rest'
        : resource.Type === 'AWS::ApiGatewayV2::Stage'
          ? 'http'
          : undefined;
    if (!kind) continue;
    const properties = resource.Properties ?? {};
    const path = ['Resources', logicalId, 'Properties'];
    const api = resolved(properties, kind === 'rest' ? 'RestApiId' : 'ApiId', path, context);
    if (typeof api !== 'string' || stages.has(api)) continue;
    const variablesKey = kind === 'rest' ? 'Variables' : 'StageVariables';
    const values: Fields = {
      StageName: resolved(properties, 'StageName', path, context, logicalId),
      [variablesKey]: resolved(properties, variablesKey, path, context, logicalId),
    };
    const where = { StageName: [...path, 'StageName'], [variablesKey]: [...path, variablesKey] };
    stages.set(api, { kind, values, where, logicalId });
  }
  return stages;
}

function rawApiSource(
  logicalId: string,
  resource: TemplateResource,
  stage: SettingsSource | undefined,
  context: ApiSettingsContext,
): SettingsSource | undefined {
  const kind: ApiKind | undefined =
    resource.Type === 'AWS::ApiGateway::RestApi'
      ? 'rest'
      : resource.Type === 'AWS::ApiGatewayV2::Api'
        ? 'http'
        : undefined;
  if (!kind) return undefined;
  const properties = resource.Properties ?? {};
  const path = ['Resources', logicalId, 'Properties'];
  const key = kind === 'rest' ? 'BinaryMediaTypes' : 'CorsConfiguration';
  const values: Fields = { ...stage?.values, [key]: resolved(properties, key, path, context) };
  if (values.StageName === undefined && kind === 'http') values.StageName = '$default';
  return { kind, values, where: { ...stage?.where, [key]: [...path, key] }, logicalId };
}

/**
 * The stage, stage variables, CORS and binary media types of every API a route uses: SAM's `Api`
 * and `HttpApi` (with `Globals` merged in as SAM merges them; the implicit `ServerlessRestApi` /
 * `ServerlessHttpApi` get the globals only), and raw `AWS::ApiGateway::RestApi` /
 * `AWS::ApiGatewayV2::Api` with their `Stage` resources. Bad values are errors at their place.
 */
export function readApiSettings(
  resources: Array<[string, TemplateResource]>,
  globals: Record<string, unknown> | undefined,
  usedApis: ReadonlySet<string>,
  context: ApiSettingsContext,
): Record<string, ApiDefinition> {
  const globalsOf = (kind: ApiKind) => {
    const section = globals?.[GLOBALS_SECTION[kind]];
    return isRecord(section) ? section : undefined;
  };
  const stages = rawStages(resources, context);
  const sources = new Map<string, SettingsSource>();
  for (const [logicalId, resource] of resources) {
    const kind = SAM_TYPES[resource.Type];
    const properties = resource.Properties ?? {};
    const source = kind
      ? samSource(kind, globalsOf(kind), { properties, logicalId }, context)
      : rawApiSource(logicalId, resource, stages.get(logicalId), context);
    if (source) sources.set(logicalId, source);
  }
  for (const kind of ['rest', 'http'] as const) {
    const logicalId = IMPLICIT_APIS[kind];
    if (!sources.has(logicalId) && usedApis.has(logicalId)) {
      sources.set(logicalId, samSource(kind, globalsOf(kind), undefined, context));
    }
  }
  const apis: Record<string, ApiDefinition> = {};
  for (const [logicalId, source] of sources) {
    if (!usedApis.has(logicalId)) continue;
    try {
      apis[logicalId] = definitionOf(source);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      context.issues.error(error.path, error.message, source.logicalId);
    }
  }
  return apis;
}
