/** A path into the parsed template, e.g. `['Resources', 'HelloFunction', 'Properties', 'CodeUri']`. */
export type TemplatePath = ReadonlyArray<string | number>;

/**
 * `ignored`: something the template says that onpre-lambda does not act on (a resource, an event,
 * a property). Not a problem of the template; listed once in `generate`'s closing summary.
 */
export type Severity = 'error' | 'warning' | 'ignored';

/** A problem found while reading a template, before it is tied to a line of the file. */
export interface Issue {
  severity: Severity;
  path: TemplatePath;
  logicalId?: string;
  message: string;
  /** Set when the issue is in another file than the template (an OpenAPI file, an included file). */
  source?: IssueSource;
}

/** A file other than the template, whose lines the issue's path refers to. */
export interface IssueSource {
  file: string;
  text: string;
}

/** A problem the user can act on: template file, line (1-based) and logical id. */
export interface Diagnostic {
  severity: Severity;
  file: string;
  line?: number;
  logicalId?: string;
  message: string;
}

/**
 * A string safe to print on one terminal line: control characters (newline, ANSI escape, …)
 * written as JSON escapes, so a template cannot forge lines of the generator's output.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, (char) => {
    const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    return named[char] ?? `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}

/** `template.yaml:12: HelloFunction: unknown runtime 'java11'` (control characters escaped) */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const where =
    diagnostic.line === undefined ? diagnostic.file : `${diagnostic.file}:${diagnostic.line}`;
  const subject = diagnostic.logicalId ? ` ${diagnostic.logicalId}:` : '';
  return printable(`${where}:${subject} ${diagnostic.message}`);
}

/** Collects issues in the order they are found. */
export class IssueList {
  readonly items: Issue[] = [];

  error(path: TemplatePath, message: string, logicalId?: string): void {
    this.items.push({ severity: 'error', path, message, logicalId });
  }

  warning(path: TemplatePath, message: string, logicalId?: string): void {
    this.items.push({ severity: 'warning', path, message, logicalId });
  }

  /**
   * Records something the template declares that onpre-lambda does not act on: `what` it is and
   * what that means for the user (`Policies` → "IAM is not enforced: …").
   */
  ignored(path: TemplatePath, what: string, meaning: string, logicalId?: string): void {
    this.items.push({ severity: 'ignored', path, message: `${what}: ${meaning}`, logicalId });
  }

  /** Adds issues found in another file; their paths are paths into that file. */
  addFrom(source: IssueSource, issues: Issue[]): void {
    for (const issue of issues) this.items.push({ ...issue, source: issue.source ?? source });
  }

  hasErrors(): boolean {
    return this.items.some((issue) => issue.severity === 'error');
  }
}

/** Thrown by resolvers for a problem at one place in the template; turned into an error issue. */
export class TemplateError extends Error {
  constructor(
    readonly path: TemplatePath,
    message: string,
  ) {
    super(message);
  }
}
