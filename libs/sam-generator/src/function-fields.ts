import { FUNCTION_DEFAULTS, FUNCTION_LIMITS } from '@app/contracts';
import { posix } from 'node:path';
import { handlerFileCandidates, handlerModule, handlerShapeError } from './handler-files';
import { localDirectory, outsideProject } from './layers';
import { staysInside } from './template-safety';
import { EsbuildBundle, LayerSpec, ProjectFiles, RuntimeFamily } from './model';
import { baseImageFor, chooseRuntime } from './runtimes';
import { templateText } from './template-text';

/** Reports a problem with one property (or a key inside it) of the function being read. */
export type Report = (property: string, message: string, ...within: string[]) => void;

type Properties = Record<string, unknown>;

/** The declared runtime, the family it belongs to and the image it runs on (see runtimes.ts). */
export function readRuntime(
  properties: Properties,
  baseImages: Record<string, string>,
  fail: Report,
  warn: Report,
): { runtime: string; family: RuntimeFamily; baseImage: string } | undefined {
  if (properties.Runtime === undefined) {
    fail('Runtime', 'missing Runtime (set it here or in Globals.Function)');
    return undefined;
  }
  const choice = chooseRuntime(templateText(properties.Runtime));
  if ('error' in choice) {
    fail('Runtime', choice.error);
    return undefined;
  }
  const base = baseImageFor(choice, baseImages);
  if (choice.warning && !base.overridden) warn('Runtime', choice.warning);
  return { runtime: choice.runtime, family: choice.family, baseImage: base.image };
}

/** `CodeUri` as a folder relative to the template. */
export function readCodeDirectory(
  properties: Properties,
  files: ProjectFiles,
  fail: Report,
): string | undefined {
  const codeUri = properties.CodeUri;
  if (codeUri === undefined) {
    fail('CodeUri', 'missing CodeUri (the folder with the function code)');
  } else if (typeof codeUri !== 'string' || codeUri.startsWith('s3://')) {
    fail('CodeUri', 'CodeUri must be a local directory');
  } else if (!staysInside(localDirectory(codeUri))) {
    fail('CodeUri', outsideProject('CodeUri', codeUri));
  } else if (!files.isDirectory(localDirectory(codeUri))) {
    fail('CodeUri', `CodeUri '${codeUri}' is not a directory`);
  } else {
    return localDirectory(codeUri);
  }
  return undefined;
}

export function readHandler(
  properties: Properties,
  family: RuntimeFamily | undefined,
  fail: Report,
): { handler: string; module?: string } | undefined {
  if (properties.Handler === undefined) {
    fail('Handler', 'missing Handler (e.g. app.handler)');
    return undefined;
  }
  const handler = templateText(properties.Handler);
  const shapeError = family ? handlerShapeError(handler, family) : undefined;
  if (shapeError) fail('Handler', shapeError);
  const module = family ? handlerModule(handler, family) : undefined;
  if (module && !staysInside(module)) {
    fail('Handler', `Handler '${handler}' must name a file inside CodeUri (no '..', not absolute)`);
    return { handler };
  }
  return { handler, module };
}

/**
 * Checks that the handler's file exists; for a bundled function, that every entry point exists,
 * choosing `<module>.ts|.js|…` when none is declared. Returns the bundle with concrete entry points.
 */
export function checkCode(
  codeDirectory: string,
  module: string,
  family: RuntimeFamily,
  bundle: EsbuildBundle | undefined,
  files: ProjectFiles,
  fail: Report,
): EsbuildBundle | undefined {
  if (bundle && bundle.entryPoints.length > 0) {
    const outside = bundle.entryPoints.filter((entry) => !staysInside(entry));
    if (outside.length > 0) {
      fail('Handler', `esbuild entry points must be inside CodeUri: ${outside.join(', ')}`);
      return bundle;
    }
    const missing = bundle.entryPoints
      .map((entry) => posix.join(codeDirectory, entry))
      .filter((file) => !files.isFile(file));
    if (missing.length > 0) fail('Handler', `esbuild entry point not found: ${missing.join(', ')}`);
    return bundle;
  }
  const candidates = handlerFileCandidates(codeDirectory, module, family, bundle !== undefined);
  const found = candidates.find((file) => files.isFile(file));
  if (!found) {
    fail('Handler', `handler file not found: expected ${candidates.join(' or ')}`);
    return bundle;
  }
  return bundle && { ...bundle, entryPoints: [posix.relative(codeDirectory, found)] };
}

function limited(
  properties: Properties,
  property: string,
  limits: { min: number; max: number },
  fail: Report,
  fallback?: number,
): number | undefined {
  const raw = properties[property] ?? fallback;
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (Number.isInteger(value) && value >= limits.min && value <= limits.max) return value;
  fail(
    property,
    `${property} must be a whole number from ${limits.min} to ${limits.max}, got '${templateText(raw)}'`,
  );
  return undefined;
}

/** Timeout, MemorySize (AWS defaults when absent) and ReservedConcurrentExecutions, within Lambda's limits. */
export function readSizing(properties: Properties, fail: Report) {
  return {
    timeout: limited(
      properties,
      'Timeout',
      FUNCTION_LIMITS.timeout,
      fail,
      FUNCTION_DEFAULTS.timeout,
    ),
    memorySize: limited(
      properties,
      'MemorySize',
      FUNCTION_LIMITS.memorySize,
      fail,
      FUNCTION_DEFAULTS.memorySize,
    ),
    reservedConcurrency: limited(
      properties,
      'ReservedConcurrentExecutions',
      FUNCTION_LIMITS.reservedConcurrency,
      fail,
    ),
    provisionedConcurrency: limited(
      (properties.ProvisionedConcurrencyConfig ?? {}) as Properties,
      'ProvisionedConcurrentExecutions',
      FUNCTION_LIMITS.provisionedConcurrency,
      (_property, message) => fail('ProvisionedConcurrencyConfig', message),
    ),
  };
}

/** Lambda's rule for environment variable names (the API's `[a-zA-Z]([a-zA-Z0-9_])+`). */
const LAMBDA_VARIABLE_NAME = /^[a-zA-Z][a-zA-Z0-9_]+$/;

export function readEnvironment(properties: Properties, fail: Report): Record<string, string> {
  const environment = properties.Environment as { Variables?: Properties } | undefined;
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(environment?.Variables ?? {})) {
    if (!LAMBDA_VARIABLE_NAME.test(name)) {
      fail(
        'Environment',
        `environment variable name '${name}' is invalid: Lambda wants a letter, then letters, digits or _ (at least 2 characters)`,
        'Variables',
        name,
      );
    } else if (typeof value === 'object' && value !== null) {
      fail('Environment', `environment variable ${name} must be a string`, 'Variables', name);
    } else {
      result[name] = templateText(value ?? '');
    }
  }
  return result;
}

/** The template's own layers the function lists; layers from elsewhere are warned about. */
export function readFunctionLayers(
  properties: Properties,
  layers: Map<string, LayerSpec>,
  warn: Report,
): LayerSpec[] {
  const references = (properties.Layers as unknown[] | undefined) ?? [];
  return references.flatMap((reference) => {
    const layer = layers.get(String(reference));
    if (!layer) {
      warn('Layers', `layer ${String(reference)} is not a LayerVersion of this template; skipped`);
    }
    return layer ? [layer] : [];
  });
}
