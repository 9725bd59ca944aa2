import { posix } from 'node:path';
import { RuntimeFamily } from './model';

const EXTENSIONS: Record<RuntimeFamily, string[]> = {
  nodejs: ['.js', '.mjs', '.cjs'],
  python: ['.py'],
  ruby: ['.rb'],
  java: [],
  provided: [],
};

/** Handler forms each runtime accepts, as Lambda documents them. */
const HANDLER_SHAPES: Record<RuntimeFamily, { pattern: RegExp; form: string }> = {
  nodejs: { pattern: /^.+\.[^.]+$/, form: '<module>.<function>' },
  python: { pattern: /^.+\.[^.]+$/, form: '<module>.<function>' },
  ruby: { pattern: /^[^.]+\.[^.].*$/, form: '<file>.<method> or <file>.<Module::Class>.<method>' },
  java: {
    pattern: /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*(::[A-Za-z_$][\w$]*)?$/,
    form: '<package>.<Class>::<method> or <package>.<Class>',
  },
  provided: { pattern: /^\S+$/, form: 'any name (the bootstrap reads it from _HANDLER)' },
};

/** Extensions esbuild can start a bundle from. */
const BUNDLE_SOURCE_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'];

/** The form a handler must have, when `handler` does not have it. */
export function handlerShapeError(handler: string, family: RuntimeFamily): string | undefined {
  const shape = HANDLER_SHAPES[family];
  return shape.pattern.test(handler)
    ? undefined
    : `Handler '${handler}' must look like ${shape.form}`;
}

/**
 * The source module a handler names, when the runtime loads one from a file we can check:
 * `src/app.handler` → `src/app`; Python uses dots (`pkg.app.handler` → `pkg/app`); Ruby's file is
 * before the first dot (`app.Module::Class.method` → `app`). Java and custom runtimes: `undefined`.
 */
export function handlerModule(handler: string, family: RuntimeFamily): string | undefined {
  if (handlerShapeError(handler, family)) return undefined;
  if (family === 'ruby') return handler.slice(0, handler.indexOf('.'));
  if (family !== 'nodejs' && family !== 'python') return undefined;
  const module = handler.slice(0, handler.lastIndexOf('.'));
  return family === 'python' ? module.replace(/\./g, '/') : module;
}

/** Files (relative to the template folder) any one of which satisfies the handler. */
export function handlerFileCandidates(
  codeUri: string,
  module: string,
  family: RuntimeFamily,
  bundled: boolean,
): string[] {
  const extensions = bundled ? BUNDLE_SOURCE_EXTENSIONS : EXTENSIONS[family];
  return extensions.map((extension) => posix.join(codeUri, `${module}${extension}`));
}
