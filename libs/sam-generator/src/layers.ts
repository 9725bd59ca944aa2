import { posix } from 'node:path';
import { IssueList, TemplateError } from './diagnostics';
import { IntrinsicResolver, TemplateResource } from './intrinsics';
import { LayerSpec, ProjectFiles } from './model';
import { staysInside } from './template-safety';

/** A local directory path as written in the template, normalised (`./src/` → `src`). */
export function localDirectory(uri: string): string {
  return posix.normalize(uri).replace(/\/+$/, '') || '.';
}

/** Message for a path that leaves the template's folder. */
export function outsideProject(property: string, value: string): string {
  return `${property} '${value}' is outside the project folder (paths are relative to the template and must stay inside its folder)`;
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
      if (!staysInside(directory)) {
        issues.error(path, outsideProject('ContentUri', contentUri), logicalId);
        continue;
      }
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
