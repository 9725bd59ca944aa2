import { posix } from 'node:path';
import { RuntimeFamily } from './model';

const EXTENSIONS: Record<RuntimeFamily, string[]> = {
  nodejs: ['.js', '.mjs', '.cjs'],
  python: ['.py'],
};

/** Extensions esbuild can start a bundle from. */
const BUNDLE_SOURCE_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'];

/** `src/app.handler` → module `src/app`; Python modules use dots (`pkg.app.handler` → `pkg/app`). */
export function handlerModule(handler: string, family: RuntimeFamily): string | undefined {
  const dot = handler.lastIndexOf('.');
  if (dot <= 0 || dot === handler.length - 1) return undefined;
  const module = handler.slice(0, dot);
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
