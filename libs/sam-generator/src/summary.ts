import { Diagnostic, formatDiagnostic } from './diagnostics';
import { FunctionSpec } from './model';

const PACKAGING = {
  directory: 'copied',
  jar: 'jar in lib/',
  zip: 'unzipped',
  inline: 'inline code',
};

const BUILDS = {
  npm: 'npm install',
  pip: 'pip install',
  go: 'go build',
  makefile: 'make',
};

/** One line per function for the CLI: name, runtime, how the code is packaged, and its routes. */
export function summarizeFunctions(functions: FunctionSpec[]): string[] {
  const sorted = [...functions].sort((a, b) => (a.name < b.name ? -1 : 1));
  const width = Math.max(0, ...sorted.map((fn) => fn.name.length));
  return sorted.map((fn) => {
    const copied = fn.image
      ? fn.image.kind === 'uri'
        ? `image ${fn.image.uri}`
        : `image from ${fn.image.context}/${fn.image.dockerfile}`
      : fn.bundle
        ? 'esbuild bundle'
        : PACKAGING[fn.code?.kind ?? 'directory'];
    const packaging = fn.build ? `${copied} + ${BUILDS[fn.build.kind]}` : copied;
    const routes = fn.routes.map((route) => `${route.method} ${route.path}`).join(', ');
    return `  ${fn.name.padEnd(width)}  ${fn.runtime || 'Image'}, ${packaging}: ${routes || '(no routes; invoke only)'}`;
  });
}

/**
 * The closing summary of `generate`: everything the template declares that onpre-lambda does not
 * act on, one line each (`file:line: LogicalId: what: what it means`), or nothing when all is used.
 */
export function summarizeIgnored(ignored: Diagnostic[]): string[] {
  if (ignored.length === 0) return [];
  return [
    `not acted on (${ignored.length}) — AWS would use these; here they have no effect:`,
    ...ignored.map((item) => `  ${formatDiagnostic(item)}`),
  ];
}
