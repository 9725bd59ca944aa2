import {
  CODE_DIRECTORY,
  FunctionSpec,
  functionDirectory,
  layerDirectory,
} from '@app/sam-generator';
import { build } from 'esbuild';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pathInside, ProjectRoot } from './staging-guard';

/** Never copied into an image: caches and VCS data. */
const SKIPPED_NAMES = ['.git', '__pycache__', '.aws-sam', '.DS_Store'];

/** Copies a project folder, following symlinks only where they stay inside the project. */
function copyDirectory(project: ProjectRoot, source: string, target: string): void {
  cpSync(source, target, {
    recursive: true,
    dereference: true,
    filter: (path) => {
      if (SKIPPED_NAMES.includes(basename(path))) return false;
      project.assertInside(path);
      return true;
    },
  });
}

/**
 * Fills a function's build context (every path checked to stay inside the output folder, every file
 * copied to be inside the project): its code (copied, or bundled with esbuild when the template asks
 * for `BuildMethod: esbuild`, so `@aws-sdk/*` and other packages end up inside one file) and a copy
 * of each layer's contents.
 */
export async function stageFunction(
  fn: FunctionSpec,
  templateDir: string,
  outDir: string,
): Promise<void> {
  const project = new ProjectRoot(templateDir);
  const context = pathInside(outDir, functionDirectory(fn.name));
  const codeSource = pathInside(templateDir, fn.codeUri);
  const codeTarget = pathInside(context, CODE_DIRECTORY);
  if (fn.bundle) {
    await build({
      entryPoints: fn.bundle.entryPoints.map((entry) => join(codeSource, entry)),
      outbase: codeSource,
      outdir: codeTarget,
      absWorkingDir: resolve(templateDir),
      bundle: true,
      platform: 'node',
      format: fn.bundle.format,
      target: fn.bundle.target,
      minify: fn.bundle.minify,
      external: fn.bundle.external,
      ...(fn.bundle.format === 'esm' ? { outExtension: { '.js': '.mjs' } } : {}),
      legalComments: 'none',
      plugins: [project.bundlePlugin()],
      logLevel: 'warning',
    });
  } else if (fn.code?.kind === 'jar') {
    // The classpath of Java images is /var/task, /var/task/lib/*, /opt/java/lib/* (as on Lambda).
    project.assertInside(codeSource);
    mkdirSync(pathInside(codeTarget, 'lib'), { recursive: true });
    cpSync(codeSource, pathInside(codeTarget, join('lib', basename(codeSource))));
  } else if (fn.code?.kind === 'inline') {
    const file = pathInside(codeTarget, fn.code.file);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, fn.code.text);
  } else {
    copyDirectory(project, codeSource, codeTarget);
  }
  for (const layer of fn.layers) {
    copyDirectory(
      project,
      pathInside(templateDir, layer.contentUri),
      pathInside(context, layerDirectory(layer.logicalId)),
    );
  }
}
