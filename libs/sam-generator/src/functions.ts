import type { FunctionUrlDefinition } from '@app/contracts';
import { IssueList, TemplateError, TemplatePath } from './diagnostics';
import { readRoutes } from './events';
import { readFunctionInvocations } from './function-invocations';
import { mergeGlobals } from './globals';
import { readEnvironment, readFunctionLayers, readSizing, Report } from './function-fields';
import { readImagePackage, readZipPackage } from './packaging';
import { IntrinsicResolver, resolveEach, TemplateResource } from './intrinsics';
import { FunctionSpec, LayerSpec, ProjectFiles } from './model';
import { reportIgnoredProperties } from './not-acted-on';
import { templateText } from './template-text';
import { readFunctionUrlConfig } from './function-urls';

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
  'ProvisionedConcurrencyConfig',
  'Events',
  'PackageType',
  'InlineCode',
  'ImageUri',
  'ImageConfig',
  'EventInvokeConfig',
  'DeadLetterQueue',
  'FunctionUrlConfig',
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
  return resolveEach(properties, USED_PROPERTIES, path, resolver, issues, logicalId);
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

  const name = templateText(merged.FunctionName ?? logicalId);
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) fail('FunctionName', `invalid function name '${name}'`);
  const metadataPath = ['Resources', logicalId, 'Metadata'];
  const metadataReport =
    (severity: 'error' | 'warning'): Report =>
    (key, message, ...within) =>
      issues[severity](
        key === 'Metadata' ? [...metadataPath, 'BuildMethod'] : [...metadataPath, key, ...within],
        message,
        logicalId,
      );
  const reports = {
    fail,
    warn,
    failMetadata: metadataReport('error'),
    warnMetadata: metadataReport('warning'),
  };
  const packageType = merged.PackageType ?? 'Zip';
  if (packageType !== 'Zip' && packageType !== 'Image')
    fail('PackageType', `PackageType must be Zip or Image, got '${templateText(packageType)}'`);
  const packaging =
    packageType === 'Image'
      ? readImagePackage(merged, resource.Metadata, files, context.baseImages, reports)
      : readZipPackage(logicalId, merged, resource.Metadata, context, reports);
  const { timeout, memorySize, reservedConcurrency, provisionedConcurrency } = readSizing(
    merged,
    fail,
  );
  if (provisionedConcurrency && reservedConcurrency !== undefined) {
    if (provisionedConcurrency > reservedConcurrency)
      fail(
        'ProvisionedConcurrencyConfig',
        `ProvisionedConcurrentExecutions (${provisionedConcurrency}) exceeds ReservedConcurrentExecutions (${reservedConcurrency})`,
      );
  }
  const environment = readEnvironment(merged, fail);
  const layers = packageType === 'Image' ? [] : readFunctionLayers(merged, context.layers, warn);
  const events = (merged.Events as Record<string, unknown> | undefined) ?? {};
  const routes = readRoutes(logicalId, name, events, issues);
  const invocations = readFunctionInvocations(logicalId, name, merged, events, where, issues);
  let functionUrl: FunctionUrlDefinition | undefined;
  if (merged.FunctionUrlConfig !== undefined) {
    try {
      functionUrl = readFunctionUrlConfig(merged.FunctionUrlConfig, where('FunctionUrlConfig'));
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      issues.error(error.path, error.message, logicalId);
    }
  }

  const errorsAfter = issues.items.filter((issue) => issue.severity === 'error').length;
  if (errorsAfter > errorsBefore || !packaging) return undefined;
  if (timeout === undefined || memorySize === undefined) return undefined;
  return {
    logicalId,
    name,
    ...packaging,
    timeout,
    memorySize,
    ...(reservedConcurrency !== undefined ? { reservedConcurrency } : {}),
    ...(provisionedConcurrency ? { provisionedConcurrency } : {}),
    environment,
    layers,
    routes,
    ...(functionUrl ? { functionUrl } : {}),
    ...invocations,
  };
}
