import { readBundle } from './bundle';
import { IssueList, TemplateError, TemplatePath } from './diagnostics';
import { readRoutes } from './events';
import { readFunctionInvocations } from './function-invocations';
import { mergeGlobals } from './globals';
import {
  checkCode,
  readEnvironment,
  readFunctionLayers,
  readHandler,
  readRuntime,
  readSizing,
  Report,
} from './function-fields';
import { readDependencyBuild } from './builds';
import { checkableDirectory, readCodeSource } from './code-sources';
import { IntrinsicResolver, TemplateResource } from './intrinsics';
import { FunctionSpec, LayerSpec, ProjectFiles } from './model';
import { reportIgnoredProperties } from './not-acted-on';

/**
 * The function properties the generator uses; everything else (Policies, Role, …) is listed in the
 * summary of what is not acted on.
 */
export const USED_PROPERTIES = [
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
  'EventInvokeConfig',
  'DeadLetterQueue',
];

export interface FunctionContext {
  resolver: IntrinsicResolver;
  /** `Globals.Function`, already resolved. */
  globals: Record<string, unknown>;
  layers: Map<string, LayerSpec>;
  files: ProjectFiles;
  issues: IssueList;
  /** Base image overrides (ImageOptions.baseImages). */
  baseImages: Record<string, string>;
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
  reportIgnoredProperties(resource.Properties ?? {}, USED_PROPERTIES, base, issues, logicalId);
  const merged = mergeGlobals(context.globals, own);
  const where = (key: string): TemplatePath =>
    key in own || !(key in context.globals) ? [...base, key] : ['Globals', 'Function', key];
  const fail: Report = (key, message, ...within) =>
    issues.error([...where(key), ...within], message, logicalId);
  const warn: Report = (key, message, ...within) =>
    issues.warning([...where(key), ...within], message, logicalId);

  const name = String(merged.FunctionName ?? logicalId);
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) fail('FunctionName', `invalid function name '${name}'`);
  if (merged.PackageType === 'Image')
    fail('PackageType', 'PackageType Image is not supported; use CodeUri');
  const runtime = readRuntime(merged, context.baseImages, fail, warn);
  const handler = readHandler(merged, runtime?.family, fail);
  const code = readCodeSource(merged, runtime?.family, handler?.module, files, fail);
  const codeDirectory = checkableDirectory(code);
  const metadataPath = ['Resources', logicalId, 'Metadata'];
  const metadataOr = (key: string): TemplatePath =>
    key === 'Metadata' ? [...metadataPath, 'BuildMethod'] : where(key);
  let bundle =
    runtime?.family === 'nodejs' && resource.Metadata?.BuildMethod === 'esbuild'
      ? readBundle(resource.Metadata, metadataPath, issues, logicalId)
      : undefined;
  if (codeDirectory !== undefined && runtime && handler?.module) {
    bundle = checkCode(codeDirectory, handler.module, runtime.family, bundle, files, fail);
  }
  const build =
    runtime && handler
      ? readDependencyBuild(
          {
            logicalId,
            ...runtime,
            handler: handler.handler,
            codeDirectory,
            buildMethod: resource.Metadata?.BuildMethod,
            bundled: bundle !== undefined,
            files,
          },
          (key, message) => issues.error([...metadataOr(key)], message, logicalId),
          (key, message) => issues.warning([...metadataOr(key)], message, logicalId),
        )
      : undefined;
  const { timeout, memorySize, reservedConcurrency } = readSizing(merged, fail);
  const environment = readEnvironment(merged, fail);
  const layers = readFunctionLayers(merged, context.layers, warn);
  const events = (merged.Events as Record<string, unknown> | undefined) ?? {};
  const routes = readRoutes(logicalId, name, events, issues);
  const invocations = readFunctionInvocations(logicalId, name, merged, events, where, issues);

  const errorsAfter = issues.items.filter((issue) => issue.severity === 'error').length;
  if (errorsAfter > errorsBefore || !runtime || !handler || !code) return undefined;
  if (timeout === undefined || memorySize === undefined) return undefined;
  return {
    logicalId,
    name,
    ...runtime,
    handler: handler.handler,
    codeUri: code.kind === 'inline' ? '.' : code.path,
    ...(code.kind !== 'directory' ? { code } : {}),
    ...(bundle ? { bundle } : {}),
    ...(build ? { build } : {}),
    timeout,
    memorySize,
    ...(reservedConcurrency !== undefined ? { reservedConcurrency } : {}),
    environment,
    layers,
    routes,
    ...invocations,
  };
}
