import { posix } from 'node:path';
import { readCodeDirectory, Report } from './function-fields';
import { localDirectory } from './layers';
import { CodeSource, ProjectFiles, RuntimeFamily } from './model';

type Properties = Record<string, unknown>;

/** The file Lambda loads for an inline handler (`index.handler` → `index.js`). */
const INLINE_EXTENSIONS: Partial<Record<RuntimeFamily, string>> = {
  nodejs: '.js',
  python: '.py',
};

/**
 * Where the function's code comes from, as SAM reads it: `InlineCode`; no `CodeUri` → the template's
 * folder; a `.jar` or `.zip` file; else a folder (checked by `readCodeDirectory`).
 */
export function readCodeSource(
  properties: Properties,
  family: RuntimeFamily | undefined,
  module: string | undefined,
  files: ProjectFiles,
  fail: Report,
): CodeSource | undefined {
  if (properties.InlineCode !== undefined) {
    if (properties.CodeUri !== undefined)
      fail('InlineCode', 'set either InlineCode or CodeUri, not both');
    const extension = family && INLINE_EXTENSIONS[family];
    if (typeof properties.InlineCode !== 'string') {
      fail('InlineCode', 'InlineCode must be a string');
    } else if (family && !extension) {
      fail(
        'InlineCode',
        `InlineCode is not available for this runtime (Lambda takes inline code for Node.js and Python only)`,
      );
    } else if (extension && module) {
      return { kind: 'inline', file: `${module}${extension}`, text: properties.InlineCode };
    }
    return undefined;
  }
  const codeUri = properties.CodeUri ?? '.';
  if (
    typeof codeUri === 'string' &&
    /\.(jar|zip)$/i.test(codeUri) &&
    !codeUri.startsWith('s3://')
  ) {
    const path = posix.normalize(codeUri);
    if (!files.isFile(path)) {
      fail('CodeUri', `CodeUri '${codeUri}' is not a file`);
      return undefined;
    }
    return { kind: /\.jar$/i.test(path) ? 'jar' : 'zip', path };
  }
  const directory = readCodeDirectory({ ...properties, CodeUri: codeUri }, files, fail);
  return directory === undefined
    ? undefined
    : { kind: 'directory', path: localDirectory(directory) };
}

/** The folder handler files are looked up in, when the code is a folder we can see. */
export function checkableDirectory(code: CodeSource | undefined): string | undefined {
  return code?.kind === 'directory' ? code.path : undefined;
}
