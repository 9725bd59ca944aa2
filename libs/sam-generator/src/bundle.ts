import { IssueList, TemplatePath } from './diagnostics';
import { EsbuildBundle } from './model';
import { templateText } from './template-text';

interface BuildMetadata {
  BuildMethod?: unknown;
  BuildProperties?: Record<string, unknown>;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/**
 * SAM's esbuild build method (`Metadata.BuildMethod: esbuild` with optional `BuildProperties`
 * EntryPoints, Format, Minify, Target, External). `undefined` when the function is copied as is;
 * no EntryPoints means the handler's module.
 */
export function readBundle(
  metadata: BuildMetadata | undefined,
  path: TemplatePath,
  issues: IssueList,
  logicalId: string,
): EsbuildBundle | undefined {
  const method = metadata?.BuildMethod;
  if (method === undefined) return undefined;
  if (method !== 'esbuild') {
    issues.warning(
      [...path, 'BuildMethod'],
      `BuildMethod ${templateText(method)} is not supported (only esbuild); the code is copied as is`,
      logicalId,
    );
    return undefined;
  }
  const properties = metadata?.BuildProperties ?? {};
  const format = properties.Format === 'esm' ? 'esm' : 'cjs';
  return {
    entryPoints: stringList(properties.EntryPoints),
    format,
    minify: properties.Minify === true || properties.Minify === 'true',
    target: templateText(properties.Target ?? 'node20'),
    external: stringList(properties.External),
  };
}
