import { IssueList } from './diagnostics';
import { ParameterValue } from './intrinsics';

interface ParameterDeclaration {
  Type?: string;
  Default?: unknown;
  AllowedValues?: unknown[];
  AllowedPattern?: string;
}

function isListType(type: string): boolean {
  return type === 'CommaDelimitedList' || type.startsWith('List<');
}

function check(
  name: string,
  declaration: ParameterDeclaration,
  value: string,
  issues: IssueList,
): void {
  const path = ['Parameters', name];
  const type = declaration.Type ?? 'String';
  if (type === 'Number' && (value.trim() === '' || Number.isNaN(Number(value)))) {
    issues.error(path, `parameter ${name} must be a number, got '${value}'`);
  }
  const allowed = declaration.AllowedValues?.map(String);
  if (allowed && !allowed.includes(value)) {
    issues.error(path, `parameter ${name} must be one of ${allowed.join(', ')}, got '${value}'`);
  }
  if (
    declaration.AllowedPattern &&
    !new RegExp(`^(?:${declaration.AllowedPattern})$`).test(value)
  ) {
    issues.error(
      path,
      `parameter ${name} does not match ${declaration.AllowedPattern}: '${value}'`,
    );
  }
}

/**
 * Values of the template's `Parameters`: an override wins over the `Default`; a parameter with
 * neither is an error. List types become string lists; overrides for undeclared names are warned.
 */
export function resolveParameters(
  declarations: Record<string, ParameterDeclaration>,
  overrides: Record<string, string>,
  issues: IssueList,
): Record<string, ParameterValue> {
  const values: Record<string, ParameterValue> = {};
  for (const [name, declaration] of Object.entries(declarations)) {
    const raw = overrides[name] ?? declaration.Default;
    if (raw === undefined || raw === null) {
      issues.error(
        ['Parameters', name],
        `parameter ${name} has no Default; pass a value (--param ${name}=<value>)`,
      );
      continue;
    }
    const text = Array.isArray(raw) ? raw.map(String).join(',') : String(raw);
    check(name, declaration, text, issues);
    values[name] = isListType(declaration.Type ?? 'String')
      ? text.split(',').map((item) => item.trim())
      : text;
  }
  for (const name of Object.keys(overrides).filter((key) => !(key in declarations))) {
    issues.warning(['Parameters'], `override for undeclared parameter ${name} is ignored`);
  }
  return values;
}
