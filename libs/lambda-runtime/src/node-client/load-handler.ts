import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { RuntimeError } from './error-body';
import { moduleCandidates, parseHandler } from './handler-string';
import type { Handler } from './invoke-handler';

/** Walks `exportPath` into a loaded module; CommonJS exports may sit under `default` after import(). */
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
 * Loads the handler with `import()`, which serves ES modules and CommonJS alike. Errors carry the
 * types Lambda reports: Runtime.ImportModuleError, Runtime.UserCodeSyntaxError, Runtime.HandlerNotFound.
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
    namespace = await import(pathToFileURL(file).href);
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
