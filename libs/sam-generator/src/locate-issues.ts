import { Diagnostic, Issue } from './diagnostics';
import { locateLine } from './yaml-locator';

/** Ties each issue to the line of the template it is about. */
export function toDiagnostics(issues: Issue[], file: string, source: string): Diagnostic[] {
  return issues.map((issue) => ({
    severity: issue.severity,
    file,
    line: locateLine(source, issue.path),
    ...(issue.logicalId ? { logicalId: issue.logicalId } : {}),
    message: issue.message,
  }));
}
