import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { RuntimeError } from './error-body';
import { moduleCandidates, parseHandler } from './handler-string';
import type { Handler } from './invoke-handler';

/** Walks `exportPath` into a loaded module; CommonJS exports may also sit under `default`. */
export function findExport(moduleNamespace: unknown, exportPath: string[]): unknown {
  const walk = (root: unknown) =>
    exportPath.reduce<unknown>(
      (value, key) =>
        value === null || value === undefined ? undefined : (value as Record<string, unknown>)[key],
      root,
    );
  const direct = walk(moduleNamespace);
  return direct ?? walk((moduleNamespace as { default?: unknown } | undefined)?.default);
}

/**
 * CommonJS loads with `require()` (it keeps node's ESM loader out of the cold start); `.mjs` files
 * and `.js` files of `"type": "module"` packages load with `import()`.
 */
async function loadModule(file: string): Promise<unknown> {
  if (!file.endsWith('.mjs')) {
    try {
      return createRequire(file)(file) as unknown;
    } catch (error) {
      if ((error as { code?: string }).code !== 'ERR_REQUIRE_ESM') throw error;
    }
  }
  return import(pathToFileURL(file).href);
}

/**
 * Loads the handler module once. Errors carry the types Lambda reports:
 * Runtime.ImportModuleError, Runtime.UserCodeSyntaxError, Runtime.HandlerNotFound.
 */
export async function loadHandler(taskRoot: string, handlerString: string): Promise<Handler> {
  const { modulePath, exportPath } = parseHandler(handlerString);
  const file = moduleCandidates(taskRoot, modulePath).find((candidate) => existsSync(candidate));
  if (!file) {
    throw new RuntimeError(
      'Runtime.ImportModuleError',
      `Error: Cannot find module '${modulePath}'`,
    );
  }
  let namespace: unknown;
  try {
    namespace = await loadModule(file);
  } catch (error) {
    if (error instanceof SyntaxError) {
      throw new RuntimeError('Runtime.UserCodeSyntaxError', `${error.name}: ${error.message}`);
    }
    throw error;
  }
  const handler = findExport(namespace, exportPath);
  if (typeof handler !== 'function') {
    throw new RuntimeError(
      'Runtime.HandlerNotFound',
      `${handlerString.trim()} is undefined or not exported`,
    );
  }
  return handler as Handler;
}
