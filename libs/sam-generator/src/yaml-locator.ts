import { TemplatePath } from './diagnostics';

interface SourceLine {
  number: number;
  indent: number;
  key?: string;
}

const KEY_PATTERN = /^\s*(?:-\s+)?(?:"([^"]+)"|'([^']+)'|([^\s#'"][^:#]*?))\s*:(?:\s|$)/;

function describeLines(source: string): SourceLine[] {
  return source.split(/\r?\n/).flatMap((text, index) => {
    const trimmed = text.trim();
    // Blank lines, comments and JSON's lone brackets carry no key.
    if (trimmed === '' || trimmed.startsWith('#') || /^[{}[\],]+$/.test(trimmed)) return [];
    const match = KEY_PATTERN.exec(text);
    const indent = text.length - text.trimStart().length;
    return [{ number: index + 1, indent, key: match?.[1] ?? match?.[2] ?? match?.[3] }];
  });
}

/**
 * Line (1-based) of the deepest key of `path` found in a block-style YAML (or pretty-printed JSON)
 * document, walking
 * mapping keys by indentation. Sequence indexes and flow-style collections stop the walk, so the
 * answer is then the line of the nearest enclosing key. `undefined` when not even the first key is
 * found.
 */
export function locateLine(source: string, path: TemplatePath): number | undefined {
  const lines = describeLines(source);
  let start = 0;
  let parentIndent = -1;
  let found: number | undefined;
  for (const segment of path) {
    if (typeof segment !== 'string') break;
    const childIndent = lines[start]?.indent;
    if (childIndent === undefined || childIndent <= parentIndent) break;
    let next = -1;
    for (let index = start; index < lines.length && lines[index].indent > parentIndent; index++) {
      if (lines[index].indent === childIndent && lines[index].key === segment) {
        next = index;
        break;
      }
    }
    if (next < 0) break;
    found = lines[next].number;
    parentIndent = lines[next].indent;
    start = next + 1;
  }
  return found;
}
