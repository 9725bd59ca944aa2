import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { generate, GenerateInput, GenerateResult, ProjectFiles } from '@app/sam-generator';

/**
 * Project files held in memory: the listed files plus every folder above them; `texts` gives the
 * content of files the generator reads (OpenAPI files, includes).
 */
export function memoryFiles(paths: string[], texts: Record<string, string> = {}): ProjectFiles {
  const files = new Set([...paths, ...Object.keys(texts)].map((path) => posix.normalize(path)));
  const directories = new Set(['.']);
  for (const file of files) {
    for (let dir = posix.dirname(file); dir !== '.'; dir = posix.dirname(dir)) directories.add(dir);
  }
  return {
    isFile: (path) => files.has(path),
    isDirectory: (path) => directories.has(path),
    readText: (path) => texts[posix.normalize(path)],
  };
}

/** Every file under `root`, relative to it (posix separators). */
export function listFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

export const FIXTURES = join(__dirname, 'fixtures');

/** Runs the generator on `fixtures/<name>.yaml` with the given project files. */
export function generateFixture(
  name: string,
  files: string[],
  extra: Partial<GenerateInput> = {},
): GenerateResult {
  return generate({
    templateFile: `${name}.yaml`,
    templateText: readFileSync(join(FIXTURES, `${name}.yaml`), 'utf8'),
    files: memoryFiles(files),
    ...extra,
  });
}

/** Runs the generator on an inline template. */
export function generateText(
  templateText: string,
  files: string[],
  extra: Partial<GenerateInput> = {},
) {
  return generate({
    templateFile: 'template.yaml',
    templateText,
    files: memoryFiles(files),
    ...extra,
  });
}

/** A template whose function `Fn` has the given property lines; the first one is line 6. */
export function withFunction(...properties: string[]): string {
  return [
    'Transform: AWS::Serverless-2016-10-31',
    'Resources:',
    '  Fn:',
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    ...properties.map((line) => `      ${line}`),
  ].join('\n');
}

export const VALID = ['CodeUri: src', 'Handler: index.handler', 'Runtime: nodejs20.x'];
export const FILES = ['src/index.js', 'src/app.py', 'layers/one/x.txt'];

export function route(id: string, path: string, method = 'GET'): string[] {
  return [
    `  ${id}:`,
    '    Type: Api',
    '    Properties:',
    `      Path: ${path}`,
    `      Method: ${method}`,
  ];
}

/** Nine levels of ten aliases: a 10^9-value document in a few hundred bytes. */
export function billionLaughs(): string {
  const levels = ['&a [x,x,x,x,x,x,x,x,x,x]'];
  for (const [index, name] of [...'bcdefghi'].entries()) {
    const previous = String.fromCharCode('a'.charCodeAt(0) + index);
    levels.push(`&${name} [${levels[index]},${Array(9).fill(`*${previous}`).join(',')}]`);
  }
  return withFunction(
    'CodeUri: src',
    'Handler: index.handler',
    'Runtime: nodejs20.x',
    'Environment:',
    '  Variables:',
    `    A: !Join ["", ${levels.at(-1)}]`,
  );
}
