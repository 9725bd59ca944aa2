import {
  CODE_DIRECTORY,
  FunctionSpec,
  functionDirectory,
  layerDirectory,
} from '@app/sam-generator';
import { build } from 'esbuild';
import { cpSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pathInside, ProjectRoot } from './staging-guard';
import { unpackZip } from './unzip';

/** Never copied into an image: caches and VCS data. */
const SKIPPED_NAMES = ['.git', '__pycache__', '.aws-sam', '.DS_Store'];

function copyFiltered(project: ProjectRoot, source: string, target: string): void {
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
 * Copies a project folder, following symlinks only where they stay inside the project. `skipped`:
 * paths relative to `source` left out (node_modules the image build installs afresh, an output
 * folder inside the code folder). Folders above a skipped path are walked, the rest copied whole.
 */
function copyDirectory(
  project: ProjectRoot,
  source: string,
  target: string,
  skipped: string[] = [],
): void {
  if (skipped.length === 0) return copyFiltered(project, source, target);
  mkdirSync(target, { recursive: true });
  for (const name of readdirSync(source)) {
    if (SKIPPED_NAMES.includes(name) || skipped.includes(name)) continue;
    const below = skipped
      .filter((path) => path.startsWith(`${name}/`))
      .map((path) => path.slice(name.length + 1));
    if (below.length > 0) copyDirectory(project, join(source, name), join(target, name), below);
    else copyFiltered(project, join(source, name), join(target, name));
  }
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
  if (fn.image) {
    // PackageType Image: the DockerContext is the build context; the generated Dockerfile (the
    // user's, base images mapped) replaces theirs.
    if (fn.image.kind === 'dockerfile')
      copyDirectory(project, codeSource, context, ['Dockerfile', fn.image.dockerfile]);
    return;
  }
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
  } else if (fn.code?.kind === 'zip') {
    project.assertInside(codeSource);
    await unpackZip(codeSource, codeTarget);
  } else {
    // As `sam build`: node_modules come from the npm install of the image build, not the folder.
    const skipped = fn.build?.kind === 'npm' ? ['node_modules'] : [];
    // `--out build/app` inside the code folder (CodeUri: . or none) is never copied into itself.
    const output = relative(codeSource, resolve(outDir));
    if (output !== '' && !output.startsWith('..') && !isAbsolute(output))
      skipped.push(output.split(sep).join('/'));
    copyDirectory(project, codeSource, codeTarget, skipped);
  }
  for (const layer of fn.layers) {
    copyDirectory(
      project,
      pathInside(templateDir, layer.contentUri),
      pathInside(context, layerDirectory(layer.logicalId)),
    );
  }
}
