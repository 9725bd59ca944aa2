import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runScript } from './run-cli';
import { billionLaughs, listFiles } from './support';

jest.setTimeout(60_000);

const FUNCTION = [
  '  Fn:',
  '    Type: AWS::Serverless::Function',
  '    Properties: { CodeUri: src, Handler: app.handler, Runtime: nodejs20.x }',
];

/**
 * The generator run as operators run it, on projects a stranger wrote: nothing may be written
 * outside --out, nothing from outside the project may be copied into a build context.
 */
describe('generate CLI on hostile projects', () => {
  let work: string;
  let project: string;

  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'samgen-hostile-'));
    project = join(work, 'project');
    writeProject({ 'src/app.js': 'exports.handler = async () => 1;\n', 'layer/x.txt': 'x\n' });
    writeFileSync(join(work, 'secret.txt'), 'operator secret\n');
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  function writeProject(files: Record<string, string>): void {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(project, path)), { recursive: true });
      writeFileSync(join(project, path), content);
    }
  }

  async function generate(template: string[]) {
    writeFileSync(join(project, 'template.yaml'), template.join('\n'));
    const out = join(work, 'out', 'nested');
    const result = await runScript('generate', [
      '--template',
      join(project, 'template.yaml'),
      '--out',
      out,
    ]);
    return { ...result, out };
  }

  /** Nothing but the project and the secret: no file was written beside or above --out. */
  function expectNothingWritten(): void {
    expect(readdirSync(work).sort()).toEqual(['project', 'secret.txt']);
  }

  it('a layer logical id that is a path writes nothing outside --out', async () => {
    const result = await generate([
      'Resources:',
      '  "../../escaped":',
      '    Type: AWS::Serverless::LayerVersion',
      '    Properties: { ContentUri: layer }',
      ...FUNCTION.slice(0, 2),
      '    Properties: { CodeUri: src, Handler: app.handler, Runtime: nodejs20.x, Layers: [!Ref "../../escaped"] }',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /error: .*template\.yaml:2: \.\.\/\.\.\/escaped: logical id '\.\.\/\.\.\/escaped' is invalid/,
    );
    expectNothingWritten();
  });

  it('a logical id with a newline injects no Dockerfile line (and prints on one line)', async () => {
    const result = await generate([
      'Resources:',
      '  "L\\nRUN touch /pwned":',
      '    Type: AWS::Serverless::LayerVersion',
      '    Properties: { ContentUri: layer }',
      ...FUNCTION,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("logical id 'L\\nRUN touch /pwned' is invalid");
    expect(result.stderr.split('\n').filter((line) => line.startsWith('RUN'))).toEqual([]);
    expectNothingWritten();
  });

  it('CodeUri: ../ copies nothing from outside the project', async () => {
    const result = await generate([
      'Resources:',
      ...FUNCTION.slice(0, 2),
      '    Properties: { CodeUri: ../, Handler: app.handler, Runtime: nodejs20.x }',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/template\.yaml:4: Fn: CodeUri '\.\.\/' is outside the project/);
    expectNothingWritten();
  });

  it('a symlink to a file outside the project is refused before anything is written', async () => {
    symlinkSync(join(work, 'secret.txt'), join(project, 'src/config.txt'));
    const result = await generate(['Resources:', ...FUNCTION]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error: .*src\/config\.txt leads outside the project folder/);
    expectNothingWritten();
  });

  it('a symlinked folder outside the project is refused too', async () => {
    mkdirSync(join(work, 'home/.ssh'), { recursive: true });
    writeFileSync(join(work, 'home/.ssh/id_rsa'), 'key\n');
    symlinkSync(join(work, 'home'), join(project, 'src/home'));
    const result = await generate(['Resources:', ...FUNCTION]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/src\/home leads outside the project folder/);
  });

  it('a symlink inside the project is followed as before', async () => {
    writeProject({ 'shared/data.json': '{"a":1}\n' });
    symlinkSync(join(project, 'shared'), join(project, 'src/shared'));
    const result = await generate(['Resources:', ...FUNCTION]);
    expect(result.code).toBe(0);
    expect(listFiles(join(result.out, 'functions/Fn/code')).sort()).toEqual([
      'app.js',
      'shared/data.json',
    ]);
  });

  it('an esbuild bundle cannot pull a file from outside the project', async () => {
    writeFileSync(join(work, 'stolen.js'), 'module.exports = "operator secret";\n');
    writeProject({
      'src/app.js': 'const s = require("../../stolen.js");\nexports.handler = async () => s;\n',
    });
    const result = await generate([
      'Resources:',
      ...FUNCTION,
      '    Metadata: { BuildMethod: esbuild }',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/stolen\.js is outside the project folder/);
    const bundle = join(result.out, 'functions/Fn/code/app.js');
    expect(existsSync(bundle) ? readFileSync(bundle, 'utf8') : '').not.toContain('operator secret');
  });

  it('refuses a billion-laughs template quickly, writing nothing', async () => {
    writeFileSync(join(project, 'template.yaml'), billionLaughs());
    const started = Date.now();
    const result = await runScript('generate', [
      '--template',
      join(project, 'template.yaml'),
      '--out',
      join(work, 'out'),
    ]);
    // The whole CLI run (esbuild-compiling the script, starting node) — before the fix: > 60 s.
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/template\.yaml:11: YAML aliases expand the template/);
    expectNothingWritten();
  });
});
