import { readDependencyBuild } from './builds';
import { readBundle } from './bundle';
import { checkableDirectory, readCodeSource } from './code-sources';
import { checkCode, readHandler, readRuntime, Report } from './function-fields';
import { readImageFunction } from './image-functions';
import type { FunctionContext } from './functions';
import { FunctionSpec, ProjectFiles } from './model';

/** Where a function's property and Metadata problems are reported. */
export interface PackageReports {
  fail: Report;
  warn: Report;
  failMetadata: Report;
  warnMetadata: Report;
}

/** What the package type decides of a FunctionSpec: runtime, handler, code and how it is built. */
export type Packaging = Pick<
  FunctionSpec,
  'runtime' | 'family' | 'handler' | 'codeUri' | 'baseImage' | 'code' | 'bundle' | 'build' | 'image'
>;

type Properties = Record<string, unknown>;

/** `PackageType: Zip` (the default): a runtime, a handler and code from CodeUri / InlineCode. */
export function readZipPackage(
  logicalId: string,
  properties: Properties,
  metadata: Properties | undefined,
  context: Pick<FunctionContext, 'files' | 'baseImages' | 'issues'>,
  reports: PackageReports,
): Packaging | undefined {
  const { files } = context;
  const { fail, warn } = reports;
  const runtime = readRuntime(properties, context.baseImages, fail, warn);
  const handler = readHandler(properties, runtime?.family, fail);
  const code = readCodeSource(properties, runtime?.family, handler?.module, files, fail);
  const codeDirectory = checkableDirectory(code);
  let bundle =
    runtime?.family === 'nodejs' && metadata?.BuildMethod === 'esbuild'
      ? readBundle(metadata, ['Resources', logicalId, 'Metadata'], context.issues, logicalId)
      : undefined;
  if (codeDirectory !== undefined && runtime && handler?.module) {
    bundle = checkCode(codeDirectory, handler.module, runtime.family, bundle, files, fail);
  }
  if (!runtime || !handler || !code) return undefined;
  const build = readDependencyBuild(
    {
      logicalId,
      ...runtime,
      handler: handler.handler,
      codeDirectory,
      buildMethod: metadata?.BuildMethod,
      bundled: bundle !== undefined,
      files,
    },
    (key, message) => (key === 'Metadata' ? reports.failMetadata : fail)(key, message),
    (key, message) => (key === 'Metadata' ? reports.warnMetadata : warn)(key, message),
  );
  return {
    ...runtime,
    handler: handler.handler,
    codeUri: code.kind === 'inline' ? '.' : code.path,
    ...(code.kind !== 'directory' ? { code } : {}),
    ...(bundle ? { bundle } : {}),
    ...(build ? { build } : {}),
  };
}

/** `PackageType: Image`: the user's Dockerfile (Metadata) or a prebuilt ImageUri. */
export function readImagePackage(
  properties: Properties,
  metadata: Properties | undefined,
  files: ProjectFiles,
  baseImages: Record<string, string>,
  reports: PackageReports,
): Packaging | undefined {
  const image = readImageFunction(properties, metadata, files, baseImages, reports);
  if (!image) return undefined;
  const command = image.config.command ?? [];
  return {
    runtime: '',
    handler: command.join(' '),
    codeUri: image.kind === 'dockerfile' ? image.context : '.',
    image,
  };
}
