/** A node handler string `dir/module.fn[.nested]` split into the module to load and the export path. */
export interface HandlerReference {
  modulePath: string;
  exportPath: string[];
}

/** Raised for handler strings Lambda itself rejects (`Runtime.MalformedHandlerName`). */
export class MalformedHandlerError extends Error {
  constructor(handler: string, reason: string) {
    super(`Bad handler ${JSON.stringify(handler)}: ${reason}`);
    this.name = 'Runtime.MalformedHandlerName';
  }
}

/**
 * Parses a node handler string the way Lambda's node runtime does: the module ends at the first dot
 * after the last slash; what follows names the export (dots walk into nested objects).
 */
export function parseHandler(handler: string): HandlerReference {
  const trimmed = handler.trim();
  const slash = trimmed.lastIndexOf('/');
  const dot = trimmed.indexOf('.', slash + 1);
  if (dot < 0) throw new MalformedHandlerError(handler, 'expected <module>.<function>');
  const modulePath = trimmed.slice(0, dot);
  const exportPath = trimmed.slice(dot + 1).split('.');
  if (!modulePath || modulePath.endsWith('/')) {
    throw new MalformedHandlerError(handler, 'the module name is empty');
  }
  if (exportPath.some((part) => part === '')) {
    throw new MalformedHandlerError(handler, 'the function name is empty');
  }
  if (modulePath.startsWith('/') || modulePath.split('/').includes('..')) {
    throw new MalformedHandlerError(handler, 'the module must be inside the task root');
  }
  return { modulePath, exportPath };
}

/** Files tried for a module, in Lambda's order. */
export function moduleCandidates(taskRoot: string, modulePath: string): string[] {
  const base = `${taskRoot.replace(/\/+$/, '')}/${modulePath}`;
  return ['.js', '.mjs', '.cjs'].map((extension) => base + extension);
}
