import { posix } from 'node:path';
import { IssueList, TemplateError } from './diagnostics';
import { IntrinsicResolver, TemplateResource } from './intrinsics';
import { LayerSpec, ProjectFiles } from './model';

/** A local directory path as written in the template, normalised (`./src/` → `src`). */
export function localDirectory(uri: string): string {
  return posix.normalize(uri).replace(/\/+$/, '') || '.';
}

/**
 * `AWS::Serverless::LayerVersion` resources with a local `ContentUri` directory, keyed by the
 * value `!Ref Layer` resolves to (its version ARN), which is what a function's `Layers` list holds.
 */
export function readLayers(
  resources: Record<string, TemplateResource>,
  resolver: IntrinsicResolver,
  files: ProjectFiles,
  issues: IssueList,
): Map<string, LayerSpec> {
  const layers = new Map<string, LayerSpec>();
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (resource.Type !== 'AWS::Serverless::LayerVersion') continue;
    const path = ['Resources', logicalId, 'Properties', 'ContentUri'];
    try {
      const contentUri = resolver.resolve(resource.Properties?.ContentUri, path);
      if (typeof contentUri !== 'string') {
        issues.error(path, 'ContentUri must be a local directory', logicalId);
        continue;
      }
      const directory = localDirectory(contentUri);
      if (!files.isDirectory(directory)) {
        issues.error(path, `ContentUri '${contentUri}' is not a directory`, logicalId);
        continue;
      }
      const reference = String(resolver.resolve({ Ref: logicalId }, path));
      layers.set(reference, { logicalId, contentUri: directory });
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      issues.error(error.path, error.message, logicalId);
    }
  }
  return layers;
}
