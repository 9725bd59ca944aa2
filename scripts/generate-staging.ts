import {
  CODE_DIRECTORY,
  FunctionSpec,
  functionDirectory,
  layerDirectory,
} from '@app/sam-generator';
import { build } from 'esbuild';
import { cpSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

/** Never copied into an image: caches and VCS data. */
const SKIPPED_NAMES = ['.git', '__pycache__', '.aws-sam', '.DS_Store'];

function copyDirectory(source: string, target: string): void {
  cpSync(source, target, {
    recursive: true,
    dereference: true,
    filter: (path) => !SKIPPED_NAMES.includes(basename(path)),
  });
}

/**
 * Fills a function's build context: its code (copied, or bundled with esbuild when the template asks
 * for `BuildMethod: esbuild`, so `@aws-sdk/*` and other packages end up inside one file) and a copy
 * of each layer's contents.
 */
export async function stageFunction(
  fn: FunctionSpec,
  templateDir: string,
  outDir: string,
): Promise<void> {
  const context = join(outDir, functionDirectory(fn.name));
  const codeSource = resolve(templateDir, fn.codeUri);
  const codeTarget = resolve(context, CODE_DIRECTORY);
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
      logLevel: 'warning',
    });
  } else {
    copyDirectory(codeSource, codeTarget);
  }
  for (const layer of fn.layers) {
    copyDirectory(
      join(templateDir, layer.contentUri),
      join(context, layerDirectory(layer.logicalId)),
    );
  }
}
