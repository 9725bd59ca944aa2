import { RuntimeFamily } from './model';

/**
 * Runtime images this project builds (`npm run images:base`), by the tags agreed with the runtime
 * side: `onpre-lambda/runtime-<family>:<version>`. A declared runtime whose version has no image here
 * runs on the nearest one, with a warning naming the version used.
 */
export interface BuiltRuntimeImages {
  nodeMajors: number[];
  pythonVersion: string;
  javaVersions: number[];
}

export const BUILT_RUNTIME_IMAGES: BuiltRuntimeImages = {
  nodeMajors: [20],
  pythonVersion: '3.11',
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
  const ruby = /^ruby(\d+)\.\d+$/.exec(runtime);
  if (ruby) {
    const baseImage = `${RUNTIME_IMAGE_PREFIX}ruby:3`;
    if (ruby[1] === '3') return { runtime, family: 'ruby', baseImage };
    return {
      runtime,
      family: 'ruby',
      baseImage,
      warning: `Runtime ${runtime}: no Ruby ${ruby[1]} image is built here; the function runs on Ruby 3 (${baseImage})`,
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

/** Every runtime image a generated Dockerfile may name by default (for "is it one of ours?"). */
export function isOwnRuntimeImage(image: string): boolean {
  return image.startsWith(RUNTIME_IMAGE_PREFIX);
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
