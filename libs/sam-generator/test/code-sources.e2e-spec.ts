import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScript } from './run-cli';
import { zipArchive } from './zip-writer';

jest.setTimeout(60_000);

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.11
Resources:
  FolderFn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
  ZipFn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: dist/package.zip
      Handler: zipped.handler
  InlineFn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      InlineCode: |
        exports.handler = async () => ({ statusCode: 200, body: 'inline' });
  NodeDepsFn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      CodeUri: node
      Handler: app.handler
`;

describe('generate: code sources staged as Lambda would unpack them', () => {
  let app: string;

  beforeAll(() => {
    app = mkdtempSync(join(tmpdir(), 'samgen-sources-'));
    writeFileSync(join(app, 'template.yaml'), TEMPLATE);
    writeFileSync(join(app, 'app.py'), 'def handler(event, context):\n    return 1\n');
    mkdirSync(join(app, 'dist'));
    writeFileSync(
      join(app, 'dist/package.zip'),
      zipArchive({
        'zipped.py': { text: 'def handler(event, context):\n    return 2\n' },
        'bin/tool': { text: '#!/bin/sh\necho tool\n', mode: 0o755 },
      }),
    );
    mkdirSync(join(app, 'node/node_modules/left-pad'), { recursive: true });
    writeFileSync(join(app, 'node/app.js'), 'exports.handler = async () => 1;\n');
    writeFileSync(join(app, 'node/package.json'), '{"name":"fn","dependencies":{}}\n');
    writeFileSync(join(app, 'node/node_modules/left-pad/index.js'), 'module.exports = 1;\n');
  });
  afterAll(() => rmSync(app, { recursive: true, force: true }));

  it('stages each source; an --out inside the code folder is not copied into itself', async () => {
    const out = join(app, 'build/app');
    for (let run = 0; run < 2; run += 1) {
      const result = await runScript('generate', [
        '--template',
        join(app, 'template.yaml'),
        '--out',
        out,
      ]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    }
    const staged = (fn: string, file: string) => join(out, 'functions', fn, 'code', file);
    expect(readFileSync(staged('FolderFn', 'app.py'), 'utf8')).toContain('return 1');
    expect(existsSync(staged('FolderFn', 'build/app'))).toBe(false);
    expect(readFileSync(staged('ZipFn', 'zipped.py'), 'utf8')).toContain('return 2');
    expect(statSync(staged('ZipFn', 'bin/tool')).mode & 0o111).not.toBe(0);
    expect(readFileSync(staged('InlineFn', 'index.js'), 'utf8')).toContain("body: 'inline'");
    expect(existsSync(staged('NodeDepsFn', 'app.js'))).toBe(true);
    // node_modules come from the npm install of the image build, as sam build does.
    expect(existsSync(staged('NodeDepsFn', 'node_modules'))).toBe(false);
    expect(readFileSync(join(out, 'functions/NodeDepsFn/Dockerfile'), 'utf8')).toContain(
      'RUN npm install --omit=dev',
    );
  });

  it('refuses a zip whose entries climb out of the code folder', async () => {
    const evil = mkdtempSync(join(tmpdir(), 'samgen-zip-slip-'));
    writeFileSync(join(evil, 'template.yaml'), TEMPLATE.split('  InlineFn:')[0]);
    writeFileSync(join(evil, 'app.py'), 'def handler(e, c):\n    return 1\n');
    mkdirSync(join(evil, 'dist'));
    writeFileSync(
      join(evil, 'dist/package.zip'),
      zipArchive({ 'zipped.py': { text: 'x' }, '../../escaped.py': { text: 'x' } }),
    );
    const out = join(evil, 'out');
    const result = await runScript('generate', [
      '--template',
      join(evil, 'template.yaml'),
      '--out',
      out,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot unpack .*package\.zip/);
    expect(existsSync(join(out, 'escaped.py'))).toBe(false);
    expect(existsSync(join(out, 'functions/escaped.py'))).toBe(false);
    rmSync(evil, { recursive: true, force: true });
  });
});
