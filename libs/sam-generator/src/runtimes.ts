import { RuntimeFamily } from './model';

/**
 * Runtime images this project builds (`npm run images:base`), by the tags agreed with the runtime
 * side: `onpre-lambda/runtime-<family>:<version>`. A declared runtime whose version has no image here
 * runs on the nearest one, with a warning naming the version used.
 */
export interface BuiltRuntimeImages {
  nodeMajors: number[];
  pythonVersion: string;
  /** The Ruby of `runtime-ruby:3` (Debian's): every `ruby3.x` runs on it. */
  rubyVersion: string;
  javaVersions: number[];
}

export const BUILT_RUNTIME_IMAGES: BuiltRuntimeImages = {
  nodeMajors: [20],
  pythonVersion: '3.11',
  rubyVersion: '3.1',
  javaVersions: [17],
};

export const RUNTIME_IMAGE_PREFIX = 'onpre-lambda/runtime-';

/** What a declared `Runtime` runs on here. */
export interface RuntimeChoice {
  runtime: string;
  family: RuntimeFamily;
  /** Default base image of the function's Dockerfile. */
  baseImage: string;
  /** Set when the image's version differs from the declared one. */
  warning?: string;
}

export type RuntimeResolution = RuntimeChoice | { error: string };

/** The available version closest to `wanted` (ties go to the newer one). */
function nearest(wanted: number, available: number[]): number {
  return [...available].sort((a, b) => Math.abs(a - wanted) - Math.abs(b - wanted) || b - a)[0];
}

function versioned(
  runtime: string,
  family: RuntimeFamily,
  label: string,
  wanted: string,
  used: string,
): RuntimeChoice {
  const baseImage = `${RUNTIME_IMAGE_PREFIX}${family}:${used}`;
  if (wanted === used) return { runtime, family, baseImage };
  return {
    runtime,
    family,
    baseImage,
    warning: `Runtime ${runtime}: no ${label} ${wanted} image is built here; the function runs on ${label} ${used} (${baseImage})`,
  };
}

const IMAGE_HINT =
  'package the function as a container image instead: PackageType: Image with Metadata Dockerfile / DockerContext';

/**
 * Maps a SAM/CloudFormation `Runtime` to the family and image it runs on here. Runtimes this
 * machine cannot build (`dotnet*`, python 2, …) are errors that suggest an image function.
 */
export function chooseRuntime(
  runtime: string,
  built: BuiltRuntimeImages = BUILT_RUNTIME_IMAGES,
): RuntimeResolution {
  const node = /^nodejs(\d+)(?:\.x|\.\d+)?$/.exec(runtime);
  if (node) {
    const wanted = Number(node[1]);
    return versioned(
      runtime,
      'nodejs',
      'Node.js',
      String(wanted),
      String(nearest(wanted, built.nodeMajors)),
    );
  }
  if (/^python3\.\d+$/.test(runtime)) {
    return versioned(runtime, 'python', 'Python', runtime.slice(6), built.pythonVersion);
  }
  if (/^(provided(\.al2|\.al2023)?|go1\.x)$/.test(runtime)) {
    return { runtime, family: 'provided', baseImage: `${RUNTIME_IMAGE_PREFIX}provided:al2023` };
  }
  const ruby = /^ruby(\d+\.\d+)$/.exec(runtime);
  if (ruby) {
    const baseImage = `${RUNTIME_IMAGE_PREFIX}ruby:3`;
    if (ruby[1] === built.rubyVersion) return { runtime, family: 'ruby', baseImage };
    return {
      runtime,
      family: 'ruby',
      baseImage,
      warning: `Runtime ${runtime}: no Ruby ${ruby[1]} image is built here; the function runs on Ruby ${built.rubyVersion} (${baseImage})`,
    };
  }
  const java = /^java(\d+)(?:\.al2)?$/.exec(runtime);
  if (java) {
    const wanted = Number(java[1]);
    const used = nearest(wanted, built.javaVersions);
    return versioned(runtime, 'java', 'Java', String(wanted), String(used));
  }
  if (/^dotnet/.test(runtime)) {
    return { error: `runtime '${runtime}' cannot run here (no .NET runtime image); ${IMAGE_HINT}` };
  }
  return {
    error: `runtime '${runtime}' cannot run here (supported: nodejs<N>.x, python3.<N>, provided, provided.al2, provided.al2023, go1.x, ruby3.<N>, java<N>); ${IMAGE_HINT}`,
  };
}

/**
 * Bases for the user's own Dockerfiles (`PackageType: Image`): AWS's `public.ecr.aws/lambda/nodejs`
 * and `python` images carry a shell and npm / pip, and Dockerfiles written for them `RUN npm install`
 * or `pip install`. Ours for those families are the runtime layer on the builder images
 * (`onpre-lambda/image-nodejs:20`, `onpre-lambda/image-python:3.11`, scripts/images-base.sh); the
 * slim `runtime-*` images stay the bases of generated Dockerfiles. The other runtime images already
 * carry a shell and their language's tools (bash, curl; the JDK; ruby and gem).
 */
export const IMAGE_FUNCTION_PREFIX = 'onpre-lambda/image-';
const IMAGE_FUNCTION_FAMILIES: ReadonlySet<RuntimeFamily> = new Set(['nodejs', 'python']);

/** The local base an AWS Lambda base image of `choice`'s runtime maps to in a user's Dockerfile. */
export function imageFunctionBase(choice: RuntimeChoice): string {
  return IMAGE_FUNCTION_FAMILIES.has(choice.family)
    ? choice.baseImage.replace(RUNTIME_IMAGE_PREFIX, IMAGE_FUNCTION_PREFIX)
    : choice.baseImage;
}

/** Our runtime and image-function bases: their ENTRYPOINT is the onpre-lambda supervisor. */
export function runsSupervisor(image: string): boolean {
  return image.startsWith(RUNTIME_IMAGE_PREFIX) || image.startsWith(IMAGE_FUNCTION_PREFIX);
}

/** Builder images of generated multi-stage Dockerfiles (`ARG BUILD_IMAGE=`). */
export const BUILDER_IMAGE_PREFIX = 'onpre-lambda/build-';

/**
 * Every image `npm run images:base` makes that a generated (or mapped user) Dockerfile may build
 * from: runtime, image-function and builder images (for "is it one of ours?").
 */
export function isOwnRuntimeImage(image: string): boolean {
  return [RUNTIME_IMAGE_PREFIX, IMAGE_FUNCTION_PREFIX, BUILDER_IMAGE_PREFIX].some((prefix) =>
    image.startsWith(prefix),
  );
}

/**
 * The base image for a function: an override for its exact runtime (`nodejs18.x`), else for its
 * family (`nodejs`), else the runtime's own image. An override is the user's choice: no version warning.
 */
export function baseImageFor(
  choice: RuntimeChoice,
  overrides: Record<string, string | undefined>,
): { image: string; overridden: boolean } {
  const override = overrides[choice.runtime] ?? overrides[choice.family] ?? overrides['*'];
  return override
    ? { image: override, overridden: true }
    : { image: choice.baseImage, overridden: false };
}
