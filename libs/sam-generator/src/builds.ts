import { posix } from 'node:path';
import { Report } from './function-fields';
import { ProjectFiles, RuntimeFamily } from './model';

/**
 * What the function's image build does before the code is copied in, as `sam build` would:
 * install dependencies or compile. Runs in a builder stage of the generated Dockerfile.
 */
export type DependencyBuild =
  /** `package.json` in the code folder: `npm ci` with a lock file, else `npm install`, no dev deps. */
  | { kind: 'npm'; lockFile?: 'package-lock.json' | 'npm-shrinkwrap.json' }
  /**
   * `requirements.txt` in the code folder: `pip install --target`. `wholeFolder` when it names local
   * paths (`./pkg`, `-e .`, `--find-links ./wheels`): the builder then sees the whole code folder.
   */
  | { kind: 'pip'; wholeFolder: boolean }
  /** Go (`go1.x`, or `Metadata.BuildMethod: go1.x`): `go build` of the folder into `<binary>`. */
  | { kind: 'go'; binary: string }
  /**
   * `Metadata.BuildMethod: makefile`: `make build-<LogicalId> ARTIFACTS_DIR=…`, on the builder of
   * the function's runtime family (a Java Makefile needs javac, a Go one go).
   */
  | { kind: 'makefile'; target: string; family: RuntimeFamily };

/** Builder images by the tag contract (docs/sam-generator.md); each an `ARG BUILD_IMAGE=` default. */
export const BUILDER_IMAGES: Record<DependencyBuild['kind'], string> = {
  npm: 'onpre-lambda/build-nodejs:20',
  pip: 'onpre-lambda/build-python:3.11',
  go: 'onpre-lambda/build-go:latest',
  makefile: 'onpre-lambda/build-go:latest',
};

/**
 * Makefile builds by runtime family: java on build-java:17 (JDK, make, the aws-lambda-java-core
 * interfaces to compile against), the others on build-go (go, make, git) — SAM CLI likewise runs a
 * makefile build in the build image of the function's runtime.
 */
const MAKEFILE_BUILDERS: Partial<Record<RuntimeFamily, string>> = {
  java: 'onpre-lambda/build-java:17',
};

/** The builder image a build runs on (`ARG BUILD_IMAGE=` default of the generated Dockerfile). */
export function builderImage(build: DependencyBuild): string {
  return (
    (build.kind === 'makefile' ? MAKEFILE_BUILDERS[build.family] : undefined) ??
    BUILDER_IMAGES[build.kind]
  );
}

interface BuildInput {
  logicalId: string;
  runtime: string;
  family: RuntimeFamily;
  handler: string;
  /** The code folder, relative to the template (undefined for inline code, jars, zips). */
  codeDirectory: string | undefined;
  /** `Metadata.BuildMethod`, when the template sets one. */
  buildMethod: unknown;
  /** The function is bundled by esbuild (which reads the project's own node_modules). */
  bundled: boolean;
  files: ProjectFiles;
}

/** Build methods SAM CLI knows that name a runtime (`nodejs20.x`, `python3.12`, …): its default build. */
const RUNTIME_BUILD_METHOD = /^(nodejs\d+\.x|python3\.\d+|ruby\d\.\d+|java\d+|go1\.x|provided.*)$/;

function nodeBuild(input: BuildInput, directory: string): DependencyBuild | undefined {
  if (input.bundled || !input.files.isFile(posix.join(directory, 'package.json'))) return undefined;
  const lockFile = (['package-lock.json', 'npm-shrinkwrap.json'] as const).find((file) =>
    input.files.isFile(posix.join(directory, file)),
  );
  return { kind: 'npm', ...(lockFile ? { lockFile } : {}) };
}

/** Requirement lines that point into the folder: `.`, `./x`, `-e .`, `-r other.txt`, `file:`, `-f dir`. */
export function namesLocalPaths(requirements: string): boolean {
  return requirements
    .split('\n')
    .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
    .some((line) =>
      /^(-e|--editable|-r|--requirement|-c|--constraint|-f|--find-links)?\s*=?\s*(\.|\/|file:)/.test(
        line,
      ),
    );
}

/** Go modules are fetched from GOPROXY during the build: said once when they are not vendored. */
function warnUnvendoredModules(directory: string, files: ProjectFiles, warn: Report): void {
  const goMod = files.readText?.(posix.join(directory, 'go.mod'));
  if (!goMod || !/^\s*require\b/m.test(goMod)) return;
  if (files.isDirectory(posix.join(directory, 'vendor'))) return;
  warn(
    'Metadata',
    'go.mod requires modules and there is no vendor/ folder: the image build downloads them from GOPROXY (--build-arg GOPROXY=…); on a machine without that access run go mod vendor first',
  );
}

function javaBuildNotRun(directory: string, files: ProjectFiles): string | undefined {
  const tool = files.isFile(posix.join(directory, 'pom.xml'))
    ? 'Maven'
    : ['build.gradle', 'build.gradle.kts'].some((file) => files.isFile(posix.join(directory, file)))
      ? 'Gradle'
      : undefined;
  if (!tool) return undefined;
  return (
    `${tool} builds are not run here (no ${tool} builder image, and its repository is not reachable offline); ` +
    'the folder is copied as is: build the jar yourself (mvn package / gradle build) and set CodeUri to it (e.g. target/app.jar), ' +
    'or ship compiled classes and lib/*.jar in the folder'
  );
}

/**
 * The build step of a zip-packaged function, from its runtime, its `Metadata.BuildMethod` and the
 * files in its code folder. What cannot be done here is said once, as a warning.
 */
export function readDependencyBuild(
  input: BuildInput,
  fail: Report,
  warn: Report,
): DependencyBuild | undefined {
  const { buildMethod, codeDirectory: directory, family, files } = input;
  if (buildMethod !== undefined && typeof buildMethod !== 'string') {
    fail('Metadata', 'Metadata.BuildMethod must be a string');
    return undefined;
  }
  if (buildMethod === 'esbuild') {
    // Bundled from the project's own node_modules (see bundle.ts).
  } else if (
    buildMethod !== undefined &&
    !RUNTIME_BUILD_METHOD.test(buildMethod) &&
    buildMethod !== 'makefile'
  ) {
    warn(
      'Metadata',
      `BuildMethod ${buildMethod} is not supported (supported: esbuild, makefile, go1.x, a runtime id); the code is copied as is`,
    );
    return undefined;
  }
  if (directory === undefined) return undefined;
  if (buildMethod === 'makefile') {
    if (!files.isFile(posix.join(directory, 'Makefile'))) {
      fail('Metadata', `BuildMethod makefile needs ${posix.join(directory, 'Makefile')}`);
      return undefined;
    }
    return { kind: 'makefile', target: `build-${input.logicalId}`, family };
  }
  if (buildMethod === 'go1.x' || (buildMethod === undefined && input.runtime === 'go1.x')) {
    if (family !== 'provided') {
      fail('Metadata', `BuildMethod go1.x needs a provided or go1.x Runtime, not ${input.runtime}`);
      return undefined;
    }
    if (!/^[A-Za-z0-9._-]+$/.test(input.handler)) {
      fail(
        'Handler',
        `the Handler of a Go function names its binary: one file name, got '${input.handler}'`,
      );
      return undefined;
    }
    warnUnvendoredModules(directory, files, warn);
    return { kind: 'go', binary: input.handler };
  }
  if (family === 'nodejs') return nodeBuild(input, directory);
  if (family === 'python' && files.isFile(posix.join(directory, 'requirements.txt'))) {
    const requirements = files.readText?.(posix.join(directory, 'requirements.txt')) ?? '';
    return { kind: 'pip', wholeFolder: namesLocalPaths(requirements) };
  }
  if (family === 'ruby' && files.isFile(posix.join(directory, 'Gemfile'))) {
    warn(
      'CodeUri',
      'Gemfile dependencies are not installed here (no Ruby builder image); the folder is copied as is: vendor them (bundle config set --local path vendor/bundle; bundle install) so they ship with the code',
    );
  }
  if (family === 'java') {
    const message = javaBuildNotRun(directory, files);
    if (message) warn('CodeUri', message);
  }
  return undefined;
}
