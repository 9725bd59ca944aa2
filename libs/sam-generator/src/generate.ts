import { FunctionsFileDefaults } from '@app/contracts';
import { readAuthSection } from './auth-section';
import { readDataResources, renderDataResources } from './data-resources';
import { parseCloudFormationYaml, YamlSyntaxError } from './cfn-yaml';
import { Diagnostic, IssueList } from './diagnostics';
import { checkInvocationTargets } from './function-invocations';
import { readScheduleResources } from './schedule-resources';
import { readEventResources } from './event-resources';
import { readFunction, resolveUsedProperties, USED_PROPERTIES } from './functions';
import { IntrinsicResolver, PseudoParameters, TemplateResource } from './intrinsics';
import { readLayers } from './layers';
import { reportIgnoredApiProperties } from './api-properties';
import { DEFAULT_IMAGE_OPTIONS, FunctionSpec, ImageOptions, ProjectFiles } from './model';
import { reportIgnoredGlobals, reportIgnoredProperties } from './not-acted-on';
import { resolveParameters } from './parameters';
import { renderDockerfile, renderImageDockerfile } from './dockerfile';
import { functionDirectory, renderFunctionsFile, renderRoutingFile } from './render';
import { toDiagnostics } from './locate-issues';
import { checkLogicalIds } from './template-safety';
import { compareRoutes, mergeDefinitionRoutes, reportDuplicateRoutes } from './routes';
import { definitionRoutes } from './api-definitions';
import { readApiSettings } from './api-settings';
import { cloudFormationApiRoutes } from './cfn-api-routes';
import { readFunctionUrls } from './function-urls';
import {
  activeResources,
  reportSharedImages,
  reportSkippedResources,
  reportUncreatedReferences,
} from './template-checks';

export interface GenerateInput {
  /** Template path as it should appear in messages and generated headers. */
  templateFile: string;
  templateText: string;
  /** The project directory around the template (for CodeUri, ContentUri and handler files). */
  files: ProjectFiles;
  parameterOverrides?: Record<string, string>;
  pseudo?: Partial<PseudoParameters>;
  images?: ImageOptions;
  /** Copied to `functions.yml` `defaults` (e.g. endpoints every function needs). */
  defaults?: FunctionsFileDefaults;
}

export interface GeneratedOutput {
  /** File contents keyed by path relative to the output directory. */
  files: Record<string, string>;
  functions: FunctionSpec[];
}

export interface GenerateResult {
  errors: Diagnostic[];
  warnings: Diagnostic[];
  /**
   * Everything the template declares that onpre-lambda does not act on (resources, events,
   * properties), each with what it means for the user: the closing summary of `generate`.
   */
  ignored: Diagnostic[];
  /** Present only when there are no errors. */
  output?: GeneratedOutput;
}

const DEFAULT_PSEUDO_PARAMETERS: PseudoParameters = {
  region: 'us-east-1',
  accountId: '123456789012',
  stackName: 'onpre-lambda',
};

type TemplateDocument = {
  Parameters?: Record<string, object>;
  Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  Conditions?: Record<string, unknown>;
  Globals?: Record<string, Record<string, unknown> | undefined> & {
    Function?: Record<string, unknown>;
  };
  Resources?: Record<string, TemplateResource>;
};

/** Names of the template's functions that were not read (their errors are reported). */
function failedFunctionNames(
  active: Array<[string, TemplateResource]>,
  functions: Array<{ logicalId: string }>,
): Set<string> {
  const read = new Set(functions.map((fn) => fn.logicalId));
  const failed = new Set<string>();
  for (const [logicalId, resource] of active) {
    if (resource.Type !== 'AWS::Serverless::Function' || read.has(logicalId)) continue;
    const name = (resource.Properties as { FunctionName?: unknown } | undefined)?.FunctionName;
    failed.add(logicalId);
    if (typeof name === 'string') failed.add(name);
  }
  return failed;
}

function analyse(
  input: GenerateInput,
  document: TemplateDocument,
  issues: IssueList,
): GeneratedOutput | undefined {
  const resources = checkLogicalIds(document.Resources ?? {}, issues);
  const parameters = resolveParameters(
    document.Parameters ?? {},
    input.parameterOverrides ?? {},
    issues,
  );
  const resolver = new IntrinsicResolver({
    parameters,
    pseudo: { ...DEFAULT_PSEUDO_PARAMETERS, ...input.pseudo },
    resources,
    mappings: document.Mappings ?? {},
    conditions: document.Conditions ?? {},
  });
  const active = activeResources(resources, resolver, issues);
  const layers = readLayers(Object.fromEntries(active), resolver, input.files, issues);
  const globalsPath = ['Globals', 'Function'];
  reportIgnoredProperties(document.Globals?.Function ?? {}, USED_PROPERTIES, globalsPath, issues);
  reportIgnoredGlobals(document.Globals ?? {}, issues);
  reportIgnoredApiProperties(active, document.Globals ?? {}, issues);
  const globals = resolveUsedProperties(
    document.Globals?.Function ?? {},
    globalsPath,
    resolver,
    issues,
  );
  const images = input.images ?? DEFAULT_IMAGE_OPTIONS;
  const context = {
    resolver,
    globals,
    layers,
    files: input.files,
    issues,
    baseImages: images.baseImages,
  };
  const functions = active
    .filter(([, resource]) => resource.Type === 'AWS::Serverless::Function')
    .flatMap(([logicalId, resource]) => readFunction(logicalId, resource, context) ?? []);
  const failed = failedFunctionNames(active, functions);
  readScheduleResources(active, functions, resolver, issues, failed);
  readEventResources(active, functions, resolver, issues, failed);
  checkInvocationTargets(functions, issues);
  reportSkippedResources(active, issues);
  reportUncreatedReferences(resolver.references, issues);
  reportSharedImages(functions, images, issues);
  const apiContext = {
    resolver,
    files: input.files,
    issues,
    functions: new Set(functions.map((fn) => fn.name)),
  };
  const apiRoutes = mergeDefinitionRoutes(
    functions.flatMap((fn) => fn.routes),
    [...definitionRoutes(active, apiContext), ...cloudFormationApiRoutes(active, apiContext)],
  );
  for (const route of apiRoutes)
    functions.find((fn) => fn.name === route.function)?.routes.push(route);
  const auth = readAuthSection(active, document.Globals, functions, resolver, issues);
  const data = readDataResources(active, resolver, issues);
  reportDuplicateRoutes(auth.routes, issues);
  const usedApis = new Set(auth.routes.flatMap((route) => (route.api ? [route.api] : [])));
  const apis = readApiSettings(active, document.Globals, usedApis, { resolver, issues });
  const functionUrls = readFunctionUrls(active, functions, resolver, issues);
  if (issues.hasErrors()) return undefined;

  const files: Record<string, string> = {
    'functions.yml':
      renderFunctionsFile(functions, images, input.templateFile, input.defaults) +
      renderDataResources(data),
    'routing.yml': renderRoutingFile(
      { ...auth, apis, functionUrls, routes: [...auth.routes].sort(compareRoutes) },
      input.templateFile,
    ),
  };
  for (const fn of [...functions].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const image = fn.image;
    if (image?.kind === 'uri') continue;
    files[`${functionDirectory(fn.name)}/Dockerfile`] = image
      ? renderImageDockerfile(fn, image, input.templateFile)
      : renderDockerfile(fn, input.templateFile);
  }
  return { files, functions };
}

/**
 * Reads a SAM template and renders what onpre-lambda runs: a Dockerfile per function,
 * `functions.yml` and `routing.yml`. Pure: the project's files are only looked at through `files`.
 */
export function generate(input: GenerateInput): GenerateResult {
  const issues = new IssueList();
  let output: GeneratedOutput | undefined;
  try {
    const document = parseCloudFormationYaml(input.templateText);
    if (typeof document !== 'object' || document === null || !('Resources' in document)) {
      issues.error([], 'not a SAM template: no Resources section');
    } else {
      output = analyse(input, document as TemplateDocument, issues);
    }
  } catch (error) {
    if (!(error instanceof YamlSyntaxError)) throw error;
    const diagnostic: Diagnostic = {
      severity: 'error',
      file: input.templateFile,
      line: error.line,
      message: error.message,
    };
    return { errors: [diagnostic], warnings: [], ignored: [] };
  }
  const diagnostics = toDiagnostics(issues.items, input.templateFile, input.templateText);
  return {
    errors: diagnostics.filter((diagnostic) => diagnostic.severity === 'error'),
    warnings: diagnostics.filter((diagnostic) => diagnostic.severity === 'warning'),
    ignored: diagnostics.filter((diagnostic) => diagnostic.severity === 'ignored'),
    ...(output ? { output } : {}),
  };
}
