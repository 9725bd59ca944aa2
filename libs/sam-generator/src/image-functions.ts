import { posix } from 'node:path';
import { Report } from './function-fields';
import { localDirectory, outsideProject } from './layers';
import { ProjectFiles } from './model';
import { chooseRuntime, imageFunctionBase, RuntimeChoice } from './runtimes';
import { staysInside } from './template-safety';
import { templateText } from './template-text';

/** `ImageConfig` of an image function: what replaces the image's CMD, ENTRYPOINT and WORKDIR. */
export interface ImageConfig {
  command?: string[];
  entryPoint?: string[];
  workingDirectory?: string;
}

/**
 * A `PackageType: Image` function: the user's Dockerfile built from `Metadata` (DockerContext,
 * Dockerfile, DockerBuildArgs, DockerBuildTarget), or a prebuilt `ImageUri` used as it is.
 */
export type ImageFunction =
  | {
      kind: 'dockerfile';
      /** Folder relative to the template; staged as the build context. */
      context: string;
      /** Relative to the context. */
      dockerfile: string;
      /** The Dockerfile's text with AWS base images mapped (see mapBaseImages). */
      text: string;
      buildArgs: Record<string, string>;
      target?: string;
      config: ImageConfig;
    }
  | { kind: 'uri'; uri: string; config: ImageConfig };

type Properties = Record<string, unknown>;

function stringList(value: unknown, property: string, fail: Report): string[] | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
  fail('ImageConfig', `ImageConfig.${property} must be a list of strings`, property);
  return undefined;
}

function readImageConfig(properties: Properties, fail: Report): ImageConfig {
  const raw = properties.ImageConfig;
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    fail('ImageConfig', 'ImageConfig must be a map (Command, EntryPoint, WorkingDirectory)');
    return {};
  }
  const config = raw as Properties;
  const command = stringList(config.Command, 'Command', fail);
  const entryPoint = stringList(config.EntryPoint, 'EntryPoint', fail);
  const workingDirectory = config.WorkingDirectory;
  if (workingDirectory !== undefined && !/^\/\S*$/.test(templateText(workingDirectory)))
    fail(
      'ImageConfig',
      'ImageConfig.WorkingDirectory must be an absolute path',
      'WorkingDirectory',
    );
  return {
    ...(command ? { command } : {}),
    ...(entryPoint ? { entryPoint } : {}),
    ...(workingDirectory !== undefined ? { workingDirectory: templateText(workingDirectory) } : {}),
  };
}

/** `public.ecr.aws/lambda/<name>:<tag>` → the runtime id it packages (`python:3.12` → `python3.12`). */
function awsBaseRuntime(name: string, tag: string): string | undefined {
  const version = /^[0-9.]+|^al2023|^al2/.exec(tag)?.[0] ?? '';
  switch (name) {
    case 'nodejs':
      return /^\d+/.test(version) ? `nodejs${/^\d+/.exec(version)?.[0]}.x` : 'nodejs20.x';
    case 'python':
      return /^3\.\d+/.test(version) ? `python${/^3\.\d+/.exec(version)?.[0]}` : 'python3.11';
    case 'java':
      return /^\d+/.test(version) ? `java${/^\d+/.exec(version)?.[0]}` : 'java17';
    case 'ruby':
      return /^\d\.\d+/.test(version) ? `ruby${/^\d\.\d+/.exec(version)?.[0]}` : 'ruby3.3';
    case 'provided':
    case 'go':
      return 'provided.al2023';
    default:
      return undefined;
  }
}

/** SAM's build images (`public.ecr.aws/sam/build-python3.12`) → our builders, by language. */
const SAM_BUILD_IMAGES: Record<string, string> = {
  python: 'onpre-lambda/build-python:3.11',
  nodejs: 'onpre-lambda/build-nodejs:20',
  go: 'onpre-lambda/build-go:latest',
  provided: 'onpre-lambda/build-go:latest',
  java: 'onpre-lambda/build-java:17',
};

/**
 * The local image an AWS Lambda base image maps to by default: `public.ecr.aws/lambda/python:3.12`
 * → `onpre-lambda/image-python:3.11` (the nearest built version, as for zip functions; with pip and
 * a shell, as AWS's image has, see imageFunctionBase). `overrides`
 * (generator.yml `images.baseImages`, `--base-image`) map exact image references first.
 */
export function mapAwsBaseImage(
  image: string,
  overrides: Record<string, string>,
): { image: string; choice?: RuntimeChoice } | undefined {
  if (overrides[image]) return { image: overrides[image] };
  // AWS's own Go image templates compile in ECR Public's copy of the golang image.
  if (/^public\.ecr\.aws\/docker\/library\/golang(?::\S+)?$/.test(image))
    return { image: SAM_BUILD_IMAGES.go };
  const builder = /^public\.ecr\.aws\/sam\/build-([a-z]+)/.exec(image)?.[1];
  if (builder && SAM_BUILD_IMAGES[builder]) return { image: SAM_BUILD_IMAGES[builder] };
  const match = /^public\.ecr\.aws\/lambda\/([a-z]+)(?::([^@\s]+))?(?:@\S+)?$/.exec(image);
  if (!match) return undefined;
  const runtime = awsBaseRuntime(match[1], match[2] ?? 'latest');
  const choice = runtime ? chooseRuntime(runtime) : undefined;
  return choice && !('error' in choice) ? { image: imageFunctionBase(choice), choice } : undefined;
}

/**
 * Rewrites the `FROM` lines of a Dockerfile whose image is an AWS Lambda base image (or one the
 * user mapped), keeping stage names and flags; returns the text and what was mapped.
 */
export function mapBaseImages(
  dockerfile: string,
  overrides: Record<string, string>,
): { text: string; mapped: string[] } {
  const mapped: string[] = [];
  const text = dockerfile.replace(
    /^(\s*FROM\s+(?:--\S+\s+)*)(\S+)/gim,
    (line: string, head: string, image: string) => {
      const target = mapAwsBaseImage(image, overrides);
      if (!target || target.image === image) return line;
      mapped.push(`${image} → ${target.image}`);
      return `${head}${target.image}`;
    },
  );
  return { text, mapped };
}

/** `RUN` commands of AWS-image Dockerfiles that our local bases cannot run (no such tool, or offline). */
const UNAVAILABLE_TOOLS: Array<[RegExp, string]> = [
  [/\b(dnf|microdnf|yum)\s+install\b/, 'dnf/yum install (Amazon Linux package managers)'],
  [/(^|[\s;&|(])mvn\s/, 'mvn (Maven)'],
  [/(^|[\s;&|(])(gradle|\.\/gradlew)\s/, 'gradle'],
  [/\bbundle\s+install\b|\bgem\s+install\b/, 'bundle/gem install'],
];

/** The tools the `RUN` lines of a Dockerfile call that our bases lack, in the table's order. */
export function toolsOurBasesLack(dockerfile: string): string[] {
  const runs = dockerfile
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .filter((line) => /^\s*RUN\s/i.test(line))
    .map((line) => line.replace(/^\s*RUN\s+/i, ' '));
  return UNAVAILABLE_TOOLS.filter(([pattern]) => runs.some((line) => pattern.test(line))).map(
    ([, tool]) => tool,
  );
}

function readStringMap(value: unknown, what: string, fail: Report): Record<string, string> {
  if (value === undefined) return {};
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, String(item)]));
  }
  fail('Metadata', `${what} must be a map of strings`);
  return {};
}

/**
 * Reads a `PackageType: Image` function. `failMetadata` reports on `Metadata` keys; `fail` and
 * `warn` on properties.
 */
export function readImageFunction(
  properties: Properties,
  metadata: Properties | undefined,
  files: ProjectFiles,
  baseImages: Record<string, string>,
  report: { fail: Report; warn: Report; failMetadata: Report; warnMetadata: Report },
): ImageFunction | undefined {
  const config = readImageConfig(properties, report.fail);
  for (const property of ['Runtime', 'Handler', 'Layers', 'CodeUri', 'InlineCode'])
    if (properties[property] !== undefined)
      report.warn(
        property,
        `${property} has no effect on a PackageType Image function (the image decides; Lambda refuses it too)`,
      );
  if (metadata?.Dockerfile === undefined && metadata?.DockerContext === undefined) {
    if (typeof properties.ImageUri !== 'string') {
      report.fail(
        'PackageType',
        'a PackageType Image function needs Metadata Dockerfile and DockerContext (or an ImageUri of an image on this Docker engine)',
      );
      return undefined;
    }
    report.warn(
      'ImageUri',
      `ImageUri ${properties.ImageUri} is used as it is: the Manager never pulls, so load it on the Docker engine first (docker pull / docker load)`,
    );
    return { kind: 'uri', uri: properties.ImageUri, config };
  }
  const context = localDirectory(templateText(metadata.DockerContext ?? '.'));
  const dockerfile = posix.normalize(templateText(metadata.Dockerfile ?? 'Dockerfile'));
  if (!staysInside(context)) {
    report.failMetadata('DockerContext', outsideProject('DockerContext', context));
    return undefined;
  }
  if (!files.isDirectory(context)) {
    report.failMetadata('DockerContext', `DockerContext '${context}' is not a directory`);
    return undefined;
  }
  const dockerfilePath = posix.join(context, dockerfile);
  if (!staysInside(dockerfile) || !files.isFile(dockerfilePath)) {
    report.failMetadata(
      'Dockerfile',
      `Dockerfile '${dockerfile}' is not a file inside DockerContext '${context}'`,
    );
    return undefined;
  }
  const original = files.readText?.(dockerfilePath) ?? '';
  const { text, mapped } = mapBaseImages(original, baseImages);
  if (mapped.length > 0) {
    report.warnMetadata(
      'Dockerfile',
      `AWS base image(s) built from their local counterpart: ${mapped.join(', ')} (images.baseImages in generator.yml or --base-image <image>=<local image> to choose another)`,
    );
    const missing = toolsOurBasesLack(original);
    if (missing.length > 0)
      report.warnMetadata(
        'Dockerfile',
        `RUN ${missing.join(', ')}: the local base images are Debian without Maven, Gradle or dnf, and gem/bundle need rubygems.org, so this build fails offline; build those artifacts first and COPY them in, or map the base images (images.baseImages) to ones that have the tools`,
      );
  }
  const target = metadata.DockerBuildTarget;
  return {
    kind: 'dockerfile',
    context,
    dockerfile,
    text,
    buildArgs: readStringMap(metadata.DockerBuildArgs, 'DockerBuildArgs', report.failMetadata),
    ...(target !== undefined ? { target: templateText(target) } : {}),
    config,
  };
}
