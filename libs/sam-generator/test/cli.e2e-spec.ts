import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO_ROOT, runScript } from './run-cli';
import { listFiles } from './support';

jest.setTimeout(60_000);

describe('generate and build:functions CLIs', () => {
  let work: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'samgen-cli-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('generates config, Dockerfiles and staged code for the example', async () => {
    const out = join(work, 'example');
    const result = await runScript('generate', [
      '--config',
      'examples/hello-app/generator.yml',
      '--out',
      out,
    ]);
    expect(result).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('generate: 6 functions, 7 routes'),
    });
    // Its bucket and table are created by the Manager, so no "does not create" warning.
    expect(result.stderr).not.toContain('which onpre-lambda does not create');
    const functionsFile = readFileSync(join(out, 'functions.yml'), 'utf8');
    expect(functionsFile).toContain('image: onpre-lambda/fn-hello:latest');
    expect(functionsFile).toContain('tables:\n  hello-app-items:');
    expect(functionsFile).toContain('buckets:\n  - hello-app-data');
    expect(readFileSync(join(out, 'routing.yml'), 'utf8')).toContain('path: /py/hello/{name}');
    expect(readFileSync(join(out, 'functions/greet-py/code/app.py'), 'utf8')).toContain(
      'def handler',
    );
    expect(existsSync(join(out, 'functions/hello/layers/SharedLayer/shared/messages.json'))).toBe(
      true,
    );
    const bundle = readFileSync(join(out, 'functions/files/code/index.js'), 'utf8');
    expect(bundle).toContain('PutObjectCommand');
    expect(bundle).not.toMatch(/require\("@aws-sdk\/client-/);
  });

  it('writes byte-identical files when run twice', async () => {
    const outputs = [join(work, 'first'), join(work, 'second')];
    for (const out of outputs) {
      expect(
        (
          await runScript('generate', [
            '--config',
            'examples/hello-app/generator.yml',
            '--out',
            out,
          ])
        ).code,
      ).toBe(0);
    }
    for (const file of [
      'functions.yml',
      'routing.yml',
      'functions/items/Dockerfile',
      'functions/items/code/index.js',
    ]) {
      expect(readFileSync(join(outputs[1], file))).toEqual(readFileSync(join(outputs[0], file)));
    }
  });

  it('exits 1 and names file, line and logical id when the template has errors', async () => {
    const template = join(work, 'broken.yaml');
    writeFileSync(
      template,
      'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: dotnet8\n',
    );
    const out = join(work, 'broken-out');
    const result = await runScript('generate', ['--template', template, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error: .*broken\.yaml:5: Fn: runtime 'dotnet8' cannot run here/);
    expect(result.stderr).toMatch(/error: .*broken\.yaml:4: Fn: missing Handler/);
    expect(existsSync(out)).toBe(false);
  });

  it('stages a copied function without caches or VCS data, and its layer', async () => {
    const project = join(work, 'project');
    const files: Record<string, string> = {
      'template.yaml': [
        'Resources:',
        '  Layer:',
        '    Type: AWS::Serverless::LayerVersion',
        '    Properties: { ContentUri: layer }',
        '  Fn:',
        '    Type: AWS::Serverless::Function',
        '    Properties: { CodeUri: src, Handler: app.handler, Runtime: python3.11, Layers: [!Ref Layer] }',
      ].join('\n'),
      'src/app.py': 'def handler(event, context):\n    return 1\n',
      'src/util/helpers.py': 'X = 1\n',
      'src/__pycache__/app.cpython-311.pyc': 'cache',
      'src/.git/HEAD': 'ref',
      'layer/python/lib.py': 'Y = 2\n',
    };
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(project, path)), { recursive: true });
      writeFileSync(join(project, path), content);
    }
    const out = join(work, 'project-out');
    const result = await runScript('generate', [
      '--template',
      join(project, 'template.yaml'),
      '--out',
      out,
    ]);
    expect(result.code).toBe(0);
    const context = join(out, 'functions/Fn');
    expect(listFiles(context).sort()).toEqual([
      'Dockerfile',
      'code/app.py',
      'code/util/helpers.py',
      'layers/Layer/python/lib.py',
    ]);
  });

  it('refuses an output directory that contains the template, touching nothing', async () => {
    const result = await runScript('generate', [
      '--config',
      'examples/hello-app/generator.yml',
      '--out',
      'examples',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      '--out examples contains the template; choose a separate output directory',
    );
    expect(existsSync(join(REPO_ROOT, 'examples/functions.yml'))).toBe(false);
  });

  it('replaces earlier build contexts but leaves folders it did not write', async () => {
    const out = join(work, 'rerun');
    mkdirSync(join(out, 'functions/stale'), { recursive: true });
    writeFileSync(
      join(out, 'functions/stale/Dockerfile'),
      '# Generated by the onpre-lambda SAM generator from x. Do not edit.\n',
    );
    mkdirSync(join(out, 'functions/mine'), { recursive: true });
    writeFileSync(join(out, 'functions/mine/notes.txt'), 'keep');
    expect(
      (await runScript('generate', ['--config', 'examples/hello-app/generator.yml', '--out', out]))
        .code,
    ).toBe(0);
    expect(existsSync(join(out, 'functions/stale'))).toBe(false);
    expect(readFileSync(join(out, 'functions/mine/notes.txt'), 'utf8')).toBe('keep');
  });

  it('exits 2 with the usage on bad arguments', async () => {
    const result = await runScript('generate', ['--nonsense']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown argument '--nonsense'");
    expect(result.stderr).toContain('usage: npm run generate');
  });

  it('build:functions fails clearly when the Docker engine is unreachable', async () => {
    const out = join(work, 'example');
    const result = await runScript('build-functions', ['--out', out], {
      DOCKER_HOST: `unix://${join(work, 'no-docker.sock')}`,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('build:functions: the Docker engine is unreachable at unix://');
  });

  it('build:functions asks for generate first when there is no output', async () => {
    const result = await runScript('build-functions', ['--out', join(work, 'missing')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('functions.yml not found; run npm run generate first');
  });
});
