import { posix } from 'node:path';
import { parseCloudFormationYaml, YamlSyntaxError } from './cfn-yaml';
import { IssueList, IssueSource, TemplateError, TemplatePath } from './diagnostics';
import { IntrinsicResolver, TemplateResource } from './intrinsics';
import { ProjectFiles, RouteSpec } from './model';
import { ApiKind, DefinitionPlace, openApiRoutes, PlaceReporter } from './openapi-routes';
import { staysInside } from './template-safety';

export interface ApiContext {
  resolver: IntrinsicResolver;
  files: ProjectFiles;
  issues: IssueList;
  /** Names of the template's functions (what `aws_proxy` integrations may invoke). */
  functions: ReadonlySet<string>;
}

/** Resource types whose OpenAPI document is read, the property holding it, and the API kind. */
const DEFINITIONS: Record<string, { body: string; uri?: string; kind: ApiKind }> = {
  'AWS::Serverless::Api': { body: 'DefinitionBody', uri: 'DefinitionUri', kind: 'rest' },
  'AWS::Serverless::HttpApi': { body: 'DefinitionBody', uri: 'DefinitionUri', kind: 'http' },
  'AWS::ApiGateway::RestApi': { body: 'Body', kind: 'rest' },
  'AWS::ApiGatewayV2::Api': { body: 'Body', kind: 'http' },
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A local file named by the template, read and parsed; reports and returns undefined otherwise. */
function loadFile(
  location: unknown,
  what: string,
  path: TemplatePath,
  logicalId: string,
  context: ApiContext,
): { source: IssueSource; document: unknown } | undefined {
  const { issues, files } = context;
  if (typeof location !== 'string' || location.startsWith('s3://') || isObject(location)) {
    issues.ignored(
      path,
      `${what} on S3`,
      'not read (only local files): the routes it defines are not served',
      logicalId,
    );
    return undefined;
  }
  const file = posix.normalize(location);
  if (!staysInside(file)) {
    issues.error(path, `${what} '${location}' is outside the project folder`, logicalId);
    return undefined;
  }
  const text = files.readText?.(file);
  if (text === undefined) {
    issues.error(path, `${what} '${location}' is not a file`, logicalId);
    return undefined;
  }
  try {
    return { source: { file, text }, document: parseCloudFormationYaml(text) };
  } catch (error) {
    if (!(error instanceof YamlSyntaxError)) throw error;
    issues.error(
      path,
      `${what} '${location}': syntax error at line ${error.line ?? '?'}: ${error.message}`,
      logicalId,
    );
    return undefined;
  }
}

/** `Fn::Transform: {Name: AWS::Include, Parameters: {Location}}`, when the value is one. */
function includeLocation(value: unknown): { location: unknown } | undefined {
  if (!isObject(value) || !isObject(value['Fn::Transform'])) return undefined;
  const transform = value['Fn::Transform'];
  if (transform.Name !== 'AWS::Include') return undefined;
  const parameters = isObject(transform.Parameters) ? transform.Parameters : {};
  return { location: parameters.Location };
}

function resolveIn(
  document: unknown,
  place: DefinitionPlace,
  context: ApiContext,
): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: context.resolver.resolve(document, place.path) };
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    new PlaceReporter(context.issues, { ...place, path: [] }).error(error.message, ...error.path);
    return { ok: false };
  }
}

/** The OpenAPI document of one API resource and where it lives, or nothing. */
function definitionOf(
  logicalId: string,
  resource: TemplateResource,
  context: ApiContext,
): { document: unknown; place: DefinitionPlace; kind: ApiKind } | undefined {
  const spec = DEFINITIONS[resource.Type];
  const properties = resource.Properties ?? {};
  const base = ['Resources', logicalId, 'Properties'];
  const body = properties[spec.body];
  if (body !== undefined) {
    const include = includeLocation(body);
    if (include) {
      const path = [...base, spec.body, 'Fn::Transform', 'Parameters', 'Location'];
      const loaded = loadFile(include.location, 'AWS::Include Location', path, logicalId, context);
      if (!loaded) return undefined;
      // An included file may use intrinsics; they resolve against the template.
      const place = { logicalId, api: logicalId, path: [], source: loaded.source };
      const resolved = resolveIn(loaded.document, place, context);
      return resolved.ok ? { document: resolved.value, place, kind: spec.kind } : undefined;
    }
    const place = { logicalId, api: logicalId, path: [...base, spec.body] };
    const resolved = resolveIn(body, place, context);
    return resolved.ok ? { document: resolved.value, place, kind: spec.kind } : undefined;
  }
  const uri = spec.uri ? properties[spec.uri] : undefined;
  if (spec.uri && uri !== undefined) {
    // As in SAM, a DefinitionUri file is used as is: intrinsics in it are not resolved.
    const loaded = loadFile(uri, spec.uri, [...base, spec.uri], logicalId, context);
    if (!loaded) return undefined;
    return {
      document: loaded.document,
      place: { logicalId, api: logicalId, path: [], source: loaded.source },
      kind: spec.kind,
    };
  }
  return undefined;
}

/** Routes of every OpenAPI document the template's APIs carry (body, include or local file). */
export function definitionRoutes(
  active: Array<[string, TemplateResource]>,
  context: ApiContext,
): RouteSpec[] {
  return active.flatMap(([logicalId, resource]) => {
    if (!(resource.Type in DEFINITIONS)) return [];
    const definition = definitionOf(logicalId, resource, context);
    if (!definition) return [];
    const report = new PlaceReporter(context.issues, definition.place);
    return openApiRoutes(definition.document, definition.kind, context.functions, report);
  });
}
