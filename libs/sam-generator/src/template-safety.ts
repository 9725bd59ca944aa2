import { posix } from 'node:path';
import { IssueList, printable } from './diagnostics';

/**
 * Checks for what a hostile template could smuggle into the generator's output: logical ids that
 * are paths or Dockerfile lines, paths that leave the project folder, and YAML alias bombs.
 * Every value the generator later joins into a path or a Dockerfile has passed one of these.
 */

/** CloudFormation's rule for logical ids: alphanumeric, unique in the template. */
export const LOGICAL_ID_PATTERN = /^[A-Za-z0-9]+$/;

/** Resource keys that are not logical ids but macros expanded into resources (Fn::ForEach). */
const MACRO_KEY_PREFIX = 'Fn::ForEach::';

/** Reports every resource whose key is not a CloudFormation logical id; returns the valid keys. */
export function checkLogicalIds<T>(
  resources: Record<string, T>,
  issues: IssueList,
): Record<string, T> {
  const valid: Record<string, T> = {};
  for (const [key, resource] of Object.entries(resources)) {
    if (LOGICAL_ID_PATTERN.test(key) || key.startsWith(MACRO_KEY_PREFIX)) {
      valid[key] = resource;
      continue;
    }
    issues.error(
      ['Resources', key],
      `logical id '${printable(key)}' is invalid: CloudFormation logical ids are alphanumeric ([A-Za-z0-9]+)`,
      printable(key),
    );
  }
  return valid;
}

/**
 * Whether a template-relative path stays inside the folder it is relative to: not absolute, no
 * `..` that climbs above it (`a/../b` is fine, `../b` and `a/../../b` are not).
 */
export function staysInside(relativePath: string): boolean {
  if (relativePath.includes('\0') || posix.isAbsolute(relativePath)) return false;
  if (/^[A-Za-z]:/.test(relativePath) || relativePath.includes('\\')) return false;
  const normalized = posix.normalize(relativePath);
  return normalized !== '..' && !normalized.startsWith('../');
}

/**
 * Whether `child` is `root` or below it; both absolute and already resolved. `path` is the
 * platform's path module for host paths (posix by default).
 */
export function isWithin(
  root: string,
  child: string,
  path: Pick<typeof posix, 'relative' | 'isAbsolute'> = posix,
): boolean {
  const relative = path.relative(root, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** More values than any real template has (CloudFormation's 1 MB limit holds far fewer). */
export const MAX_EXPANDED_NODES = 1_000_000;

export class YamlExpansionError extends Error {}

/**
 * Counts the values of a parsed document as a tree walk would see them. js-yaml shares the node an
 * alias points at, so a 500-byte "billion laughs" parses fast but expands to 10^9 values in any
 * walk (intrinsic resolution, serialisation). Sizes are memoised per shared node, so this costs
 * one visit per distinct node; a recursive alias (`&a [*a]`) is refused too.
 */
export function assertBoundedExpansion(document: unknown, limit = MAX_EXPANDED_NODES): void {
  const sizes = new Map<object, number>();
  const inProgress = new Set<object>();
  const size = (node: unknown): number => {
    if (typeof node !== 'object' || node === null) return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    if (inProgress.has(node)) throw new YamlExpansionError('a YAML alias refers to itself');
    inProgress.add(node);
    let total = 1;
    for (const child of Object.values(node)) {
      total += size(child);
      if (total > limit) {
        throw new YamlExpansionError(
          `YAML aliases expand the template to more than ${limit.toLocaleString('en-US')} values (an alias bomb?); refused`,
        );
      }
    }
    inProgress.delete(node);
    sizes.set(node, total);
    return total;
  };
  size(document);
}

/** Line (1-based) of the first alias (`*name`) in a YAML text, for messages about aliases. */
export function firstAliasLine(text: string): number | undefined {
  const match = /(?:^|[\s,[{:-])\*[^\s,\]}]+/m.exec(text);
  if (!match) return undefined;
  const star = text.indexOf('*', match.index);
  return text.slice(0, star).split('\n').length;
}
