import { isOwnRuntimeImage, ownImagesOf, RUNTIME_IMAGE_PREFIX } from '@app/sam-generator';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { DevSetupError, newestMtime } from './files';

/** Entry points `npm run build` writes (the Nest CLI's tsc builder layout). */
export const APP_MAINS = {
  manager: 'dist/apps/manager/apps/manager/src/main.js',
  gateway: 'dist/apps/gateway/apps/gateway/src/main.js',
} as const;

/** What `npm run images:base` makes (the default bases of generated Dockerfiles). */
const PYTHON_BASE = 'onpre-lambda/base-python:3.11';
const NODE_RUNTIME_IMAGES = `${RUNTIME_IMAGE_PREFIX}nodejs:`;

function npmRun(root: string, script: string, args: string[], env = process.env): void {
  const result = spawnSync('npm', ['run', '--silent', script, '--', ...args], {
    cwd: root,
    stdio: 'inherit',
    env,
  });
  if (result.status !== 0)
    throw new DevSetupError(`npm run ${script} failed (exit ${result.status ?? result.signal})`);
}

/** `npm run build` when an app's output is missing or older than any source under apps/ or libs/. */
export function buildAppsIfStale(root: string): void {
  const sources = Math.max(newestMtime(join(root, 'apps')), newestMtime(join(root, 'libs')));
  const stale = Object.values(APP_MAINS).some(
    (main) => !existsSync(join(root, main)) || statSync(join(root, main)).mtimeMs < sources,
  );
  if (!stale) return;
  console.log('dev: building the Gateway and the Manager …');
  npmRun(root, 'build', []);
}

/** `npm run generate`: template → functions.yml, routing.yml, one build context per function. */
export function generateConfig(root: string, generatorArgs: string[]): void {
  npmRun(root, 'generate', generatorArgs);
}

/**
 * Images of ours the generated Dockerfiles build from: `ARG BASE_IMAGE=` / `BUILD_IMAGE=` defaults,
 * and the mapped `FROM` lines of image functions' own Dockerfiles.
 */
export function requiredBaseImages(outDir: string): string[] {
  const functionsDir = join(outDir, 'functions');
  const images = readdirSync(functionsDir)
    .map((name) => join(functionsDir, name, 'Dockerfile'))
    .filter((file) => existsSync(file))
    .flatMap((file) => ownImagesOf(readFileSync(file, 'utf8')));
  return [...new Set(images)].sort();
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .some((dir) => dir !== '' && existsSync(join(dir, command)));
}

/**
 * Builds the runtime base images with `npm run images:base` when a generated Dockerfile needs one that
 * is missing. Never installs system packages: without debootstrap (needed for the Python base) it says
 * how to get it. Images it does not know how to make are reported, not pulled.
 */
export async function ensureBaseImages(
  root: string,
  needed: string[],
  isPresent: (image: string) => Promise<boolean>,
): Promise<void> {
  const presence = await Promise.all(needed.map(isPresent));
  const missing = needed.filter((_, index) => !presence[index]);
  if (missing.length === 0) return;
  const foreign = missing.filter((image) => !isOwnRuntimeImage(image));
  if (foreign.length > 0)
    throw new DevSetupError(
      `base image(s) not on the Docker engine: ${foreign.join(', ')} (the Manager never pulls). ` +
        'Load or build them, or use images.baseImages in generator.yml.',
    );
  // Every runtime image but node's is built on a debootstrapped Debian.
  const needsPython = missing.some((image) => !image.startsWith(NODE_RUNTIME_IMAGES));
  if (needsPython && !onPath('debootstrap') && !(await isPresent(PYTHON_BASE)))
    throw new DevSetupError(
      `${PYTHON_BASE} is built with debootstrap, which is not installed. ` +
        'Install it (Debian/Ubuntu, as root: apt-get install -y debootstrap) and run npm start again.',
    );
  console.log(`dev: building base images (${missing.join(', ')}) with npm run images:base …`);
  npmRun(root, 'images:base', [], { ...process.env, ONLY: needsPython ? 'all' : 'node' });
}

/** `npm run build:functions`: Docker's layer cache turns unchanged functions into cache hits. */
export function buildFunctionImages(root: string, outDir: string): void {
  npmRun(root, 'build:functions', ['--out', outDir]);
}
