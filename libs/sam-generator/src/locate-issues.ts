import { Diagnostic, Issue } from './diagnostics';
import { locateLine } from './yaml-locator';

/** Ties each issue to the line of the template it is about, in file order. */
export function toDiagnostics(issues: Issue[], file: string, source: string): Diagnostic[] {
  const diagnostics = issues.map((issue): Diagnostic => ({
    severity: issue.severity,
    file: issue.source?.file ?? file,
    line: locateLine(issue.source?.text ?? source, issue.path),
    ...(issue.logicalId ? { logicalId: issue.logicalId } : {}),
    message: issue.message,
  }));
  // The template's own lines first, then each other file's, each in line order.
  const fileRank = (diagnostic: Diagnostic) => (diagnostic.file === file ? '' : diagnostic.file);
  return diagnostics.sort(
    (a, b) => fileRank(a).localeCompare(fileRank(b)) || (a.line ?? 0) - (b.line ?? 0),
  );
}
