import { FUNCTION_DEFAULTS, FUNCTION_LIMITS } from '@app/contracts/config-files';
import { posix } from 'node:path';
import { readBundle } from './bundle';
import { IssueList, TemplateError, TemplatePath } from './diagnostics';
import { readRoutes } from './events';
import { mergeGlobals } from './globals';
import { handlerFileCandidates, handlerModule } from './handler-files';
import { IntrinsicResolver, TemplateResource } from './intrinsics';
import { localDirectory } from './layers';
import { EsbuildBundle, FunctionSpec, LayerSpec, ProjectFiles, RuntimeFamily } from './model';

/** The function properties the generator uses; everything else (Policies, Role, …) is ignored. */
const USED_PROPERTIES = [
  'FunctionName',
  'CodeUri',
  'Handler',
  'Runtime',
  'Timeout',
  'MemorySize',
  'Environment',
  'Layers',
  'ReservedConcurrentExecutions',
  'Events',
  'PackageType',
  'InlineCode',
];

export interface FunctionContext {
  resolver: IntrinsicResolver;
  /** `Globals.Function`, already resolved. */
  globals: Record<string, unknown>;
  layers: Map<string, LayerSpec>;
  files: ProjectFiles;
  issues: IssueList;
}

/** Resolves the used properties one by one, so one bad property does not hide the others. */
export function resolveUsedProperties(
  properties: Record<string, unknown>,
  path: TemplatePath,
  resolver: IntrinsicResolver,
  issues: IssueList,
  logicalId?: string,
): Record<string, unknown> {
  const resolved: Record<string, unknown> = {};
  for (const key of USED_PROPERTIES.filter((name) => properties[name] !== undefined)) {
    try {
      resolved[key] = resolver.resolve(properties[key], [...path, key]);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      issues.error(error.path, error.message, logicalId);
    }
  }
  return resolved;
}

function runtimeFamily(runtime: string): RuntimeFamily | undefined {
  if (/^nodejs\d+\.x$/.test(runtime)) return 'nodejs';
  if (/^python3\.\d+$/.test(runtime)) return 'python';
  return undefined;
}

function readEnvironment(
  environment: unknown,
  path: TemplatePath,
  issues: IssueList,
  logicalId: string,
): Record<string, string> {
  const variables = (environment as { Variables?: Record<string, unknown> } | undefined)?.Variables;
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(variables ?? {})) {
    if (typeof value === 'object' && value !== null) {
      issues.error(
        [...path, 'Variables', name],
        `environment variable ${name} must be a string`,
        logicalId,
      );
    } else {
      result[name] = String(value ?? '');
    }
  }
  return result;
}

/**
 * Checks that the handler's file exists; for a bundled function that every entry point exists,
 * choosing `<module>.ts|.js|…` when none is declared. Returns the message of the problem, or the
 * bundle with concrete entry points.
 */
function findCodeProblem(
  codeDirectory: string,
  module: string,
  family: RuntimeFamily,
  bundle: EsbuildBundle | undefined,
  files: ProjectFiles,
): string | EsbuildBundle | undefined {
  const exists = (entry: string) => files.isFile(posix.join(codeDirectory, entry));
  if (bundle && bundle.entryPoints.length > 0) {
    const missing = bundle.entryPoints.filter((entry) => !exists(entry));
    if (missing.length === 0) return bundle;
    return `esbuild entry point not found: ${missing.map((entry) => posix.join(codeDirectory, entry)).join(', ')}`;
  }
  const candidates = handlerFileCandidates(codeDirectory, module, family, bundle !== undefined);
  const found = candidates.find((file) => files.isFile(file));
  if (!found) return `handler file not found: expected ${candidates.join(' or ')}`;
  return bundle ? { ...bundle, entryPoints: [posix.relative(codeDirectory, found)] } : undefined;
}

/** Reads one `AWS::Serverless::Function`; `undefined` when it has errors (already reported). */
export function readFunction(
  logicalId: string,
  resource: TemplateResource,
  context: FunctionContext,
): FunctionSpec | undefined {
  const { resolver, issues, files } = context;
  const base = ['Resources', logicalId, 'Properties'];
  const errorsBefore = issues.items.filter((issue) => issue.severity === 'error').length;
  const own = resolveUsedProperties(resource.Properties ?? {}, base, resolver, issues, logicalId);
  const merged = mergeGlobals(context.globals, own);
  const where = (key: string): TemplatePath =>
    key in own || !(key in context.globals) ? [...base, key] : ['Globals', 'Function', key];
  const fail = (key: string, message: string) => issues.error(where(key), message, logicalId);

  const name = String(merged.FunctionName ?? logicalId);
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) fail('FunctionName', `invalid function name '${name}'`);
  if (merged.PackageType === 'Image')
    fail('PackageType', 'PackageType Image is not supported; use CodeUri');
  if (merged.InlineCode !== undefined) {
    fail('InlineCode', 'InlineCode is not supported; put the code in a file and set CodeUri');
  }

  const runtime = merged.Runtime === undefined ? undefined : String(merged.Runtime);
  const family = runtime === undefined ? undefined : runtimeFamily(runtime);
  if (runtime === undefined)
    fail('Runtime', 'missing Runtime (set it here or in Globals.Function)');
  else if (!family)
    fail('Runtime', `unknown runtime '${runtime}' (supported: nodejs<N>.x, python3.<N>)`);

  const codeUri = merged.CodeUri;
  let codeDirectory: string | undefined;
  if (codeUri === undefined) fail('CodeUri', 'missing CodeUri (the folder with the function code)');
  else if (typeof codeUri !== 'string' || codeUri.startsWith('s3://')) {
    fail('CodeUri', 'CodeUri must be a local directory');
  } else if (!files.isDirectory(localDirectory(codeUri))) {
    fail('CodeUri', `CodeUri '${codeUri}' is not a directory`);
  } else codeDirectory = localDirectory(codeUri);

  const handler = merged.Handler === undefined ? undefined : String(merged.Handler);
  const module = handler && family ? handlerModule(handler, family) : undefined;
  if (handler === undefined) fail('Handler', 'missing Handler (e.g. app.handler)');
  else if (family && !module)
    fail('Handler', `Handler '${handler}' must look like <module>.<function>`);

  const declaredBundle =
    family === 'nodejs'
      ? readBundle(resource.Metadata, ['Resources', logicalId, 'Metadata'], issues, logicalId)
      : undefined;
  let bundle = declaredBundle;
  if (codeDirectory !== undefined && family && module) {
    const problem = findCodeProblem(codeDirectory, module, family, declaredBundle, files);
    if (typeof problem === 'string') fail('Handler', problem);
    else bundle = problem;
  }

  const limited = (key: string, field: keyof typeof FUNCTION_LIMITS, fallback?: number) => {
    const raw = merged[key] ?? fallback;
    if (raw === undefined) return undefined;
    const value = Number(raw);
    const { min, max } = FUNCTION_LIMITS[field];
    if (Number.isInteger(value) && value >= min && value <= max) return value;
    fail(key, `${key} must be a whole number from ${min} to ${max}, got '${String(raw)}'`);
    return undefined;
  };
  const timeout = limited('Timeout', 'timeout', FUNCTION_DEFAULTS.timeout);
  const memorySize = limited('MemorySize', 'memorySize', FUNCTION_DEFAULTS.memorySize);
  const reservedConcurrency = limited('ReservedConcurrentExecutions', 'reservedConcurrency');

  const environment = readEnvironment(merged.Environment, where('Environment'), issues, logicalId);
  const layers: LayerSpec[] = [];
  for (const reference of (merged.Layers as unknown[] | undefined) ?? []) {
    const layer = context.layers.get(String(reference));
    if (layer) layers.push(layer);
    else {
      issues.warning(
        where('Layers'),
        `layer ${String(reference)} is not a LayerVersion of this template; skipped`,
        logicalId,
      );
    }
  }
  const routes = readRoutes(
    logicalId,
    name,
    (merged.Events as Record<string, unknown>) ?? {},
    issues,
  );

  const errorsAfter = issues.items.filter((issue) => issue.severity === 'error').length;
  if (
    errorsAfter > errorsBefore ||
    !runtime ||
    !family ||
    !handler ||
    codeDirectory === undefined ||
    timeout === undefined ||
    memorySize === undefined
  ) {
    return undefined;
  }
  return {
    logicalId,
    name,
    runtime,
    family,
    handler,
    codeUri: codeDirectory,
    ...(bundle ? { bundle } : {}),
    timeout,
    memorySize,
    ...(reservedConcurrency !== undefined ? { reservedConcurrency } : {}),
    environment,
    layers,
    routes,
  };
}
