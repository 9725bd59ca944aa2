import { Diagnostic, Issue } from './diagnostics';
import { locateLine } from './yaml-locator';

/** Ties each issue to the line of the template it is about, in file order. */
export function toDiagnostics(issues: Issue[], file: string, source: string): Diagnostic[] {
  const diagnostics = issues.map((issue): Diagnostic => ({
    severity: issue.severity,
    file,
    line: locateLine(source, issue.path),
    ...(issue.logicalId ? { logicalId: issue.logicalId } : {}),
    message: issue.message,
  }));
  return diagnostics.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}
