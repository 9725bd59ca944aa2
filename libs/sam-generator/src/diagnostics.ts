/** A path into the parsed template, e.g. `['Resources', 'HelloFunction', 'Properties', 'CodeUri']`. */
export type TemplatePath = ReadonlyArray<string | number>;

export type Severity = 'error' | 'warning';

/** A problem found while reading a template, before it is tied to a line of the file. */
export interface Issue {
  severity: Severity;
  path: TemplatePath;
  logicalId?: string;
  message: string;
}

/** A problem the user can act on: template file, line (1-based) and logical id. */
export interface Diagnostic {
  severity: Severity;
  file: string;
  line?: number;
  logicalId?: string;
  message: string;
}

/** `template.yaml:12: HelloFunction: unknown runtime 'java11'` */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const where =
    diagnostic.line === undefined ? diagnostic.file : `${diagnostic.file}:${diagnostic.line}`;
  const subject = diagnostic.logicalId ? ` ${diagnostic.logicalId}:` : '';
  return `${where}:${subject} ${diagnostic.message}`;
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
