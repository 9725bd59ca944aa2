import { FunctionsFileDefaults } from '@app/contracts';
import yaml from 'js-yaml';
import { posix } from 'node:path';
import { PseudoParameters } from './intrinsics';
import { DEFAULT_IMAGE_OPTIONS, ImageOptions } from './model';

export class UsageError extends Error {}

/** `--name value` flags; repeatable ones collect every value. */
export type ParsedFlags = Record<string, string[]>;

export function parseFlags(argv: string[], known: string[]): ParsedFlags {
  const flags: ParsedFlags = {};
  for (let index = 0; index < argv.length; index++) {
    const [name, inline] = argv[index].split(/=(.*)/s, 2);
    if (!name.startsWith('--') || !known.includes(name.slice(2))) {
      throw new UsageError(
        `unknown argument '${argv[index]}' (known: ${known.map((k) => `--${k}`).join(', ')})`,
      );
    }
    const value = inline ?? argv[++index];
    if (value === undefined) throw new UsageError(`${name} needs a value`);
    (flags[name.slice(2)] ??= []).push(value);
  }
  return flags;
}

function parseKeyValues(pairs: string[], flag: string): Record<string, string> {
  return Object.fromEntries(
    pairs.map((pair) => {
      const equals = pair.indexOf('=');
      if (equals <= 0) throw new UsageError(`${flag} expects KEY=VALUE, got '${pair}'`);
      return [pair.slice(0, equals), pair.slice(equals + 1)];
    }),
  );
}

/** What `generator.yml` may contain; paths in it are relative to the file. */
export interface GeneratorConfigFile {
  template?: string;
  out?: string;
  parameters?: Record<string, string | number | boolean>;
  stackName?: string;
  region?: string;
  accountId?: string;
  images?: {
    prefix?: string;
    tag?: string;
    base?: string;
    /** Keyed by family (`nodejs`, `java`, …) or exact runtime (`nodejs18.x`). */
    baseImages?: Record<string, string>;
  };
  defaults?: FunctionsFileDefaults;
}

export interface GeneratorOptions {
  template: string;
  out: string;
  parameters: Record<string, string>;
  pseudo: Partial<PseudoParameters>;
  images: ImageOptions;
  defaults?: FunctionsFileDefaults;
}

export interface ConfigText {
  /** Path of generator.yml, used to resolve the paths inside it. */
  path: string;
  text: string;
}

export const GENERATE_FLAGS = [
  'config',
  'template',
  'out',
  'param',
  'base-image',
  'image-prefix',
  'image-tag',
  'stack-name',
  'region',
];

function readConfig(config: ConfigText | undefined): GeneratorConfigFile {
  if (!config) return {};
  const parsed = yaml.load(config.text, { schema: yaml.CORE_SCHEMA });
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new UsageError(`${config.path} is not a YAML mapping`);
  return parsed;
}

/** `--base-image <image>` (every runtime) or `--base-image <family, runtime or AWS base image>=<image>`. */
function baseImages(file: GeneratorConfigFile, flags: string[]): Record<string, string> {
  const images: Record<string, string> = { ...DEFAULT_IMAGE_OPTIONS.baseImages };
  if (file.images?.base) images['*'] = file.images.base;
  Object.assign(images, file.images?.baseImages);
  for (const flag of flags) {
    const match = /^([^=\s]+)=(.+)$/.exec(flag);
    if (match) images[match[1]] = match[2];
    else images['*'] = flag;
  }
  return images;
}

/** Flags win over `generator.yml`, which wins over the defaults. */
export function resolveGeneratorOptions(flags: ParsedFlags, config?: ConfigText): GeneratorOptions {
  const file = readConfig(config);
  const relative = (path: string | undefined) =>
    path === undefined || !config ? path : posix.join(posix.dirname(config.path), path);
  const last = (name: string) => flags[name]?.at(-1);
  const template = last('template') ?? relative(file.template);
  const out = last('out') ?? relative(file.out);
  if (!template)
    throw new UsageError(
      'no template: pass --template <template.yaml> or --config <generator.yml>',
    );
  if (!out)
    throw new UsageError('no output directory: pass --out <dir> or set out in generator.yml');
  const fileParameters = Object.fromEntries(
    Object.entries(file.parameters ?? {}).map(([k, v]) => [k, String(v)]),
  );
  const region = last('region') ?? file.region;
  const stackName = last('stack-name') ?? file.stackName;
  return {
    template,
    out,
    parameters: { ...fileParameters, ...parseKeyValues(flags.param ?? [], '--param') },
    pseudo: {
      ...(region ? { region } : {}),
      ...(stackName ? { stackName } : {}),
      ...(file.accountId ? { accountId: String(file.accountId) } : {}),
    },
    images: {
      prefix: last('image-prefix') ?? file.images?.prefix ?? DEFAULT_IMAGE_OPTIONS.prefix,
      tag: last('image-tag') ?? file.images?.tag ?? DEFAULT_IMAGE_OPTIONS.tag,
      baseImages: baseImages(file, flags['base-image'] ?? []),
    },
    ...(file.defaults ? { defaults: file.defaults } : {}),
  };
}

export const BUILD_FLAGS = ['config', 'out', 'build-arg', 'function'];

export interface BuildOptions {
  /** The generator's output directory (holds functions.yml and functions/<name>/). */
  out: string;
  buildArgs: Record<string, string>;
  /** Only these functions; all when empty. */
  functions: string[];
}

/** Options of `npm run build:functions`: `--out`, or the `out` of `--config generator.yml`. */
export function resolveBuildOptions(flags: ParsedFlags, config?: ConfigText): BuildOptions {
  const fileOut = config ? readConfig(config).out : undefined;
  const out =
    flags.out?.at(-1) ??
    (config && fileOut ? posix.join(posix.dirname(config.path), fileOut) : undefined);
  if (!out)
    throw new UsageError('no output directory: pass --out <dir> or --config <generator.yml>');
  return {
    out,
    buildArgs: parseKeyValues(flags['build-arg'] ?? [], '--build-arg'),
    functions: flags.function ?? [],
  };
}
