import { generate, namesLocalPaths, summarizeFunctions } from '@app/sam-generator';
import { memoryFiles, withFunction } from './support';

function run(lines: string[], files: string[], texts: Record<string, string> = {}, metadata = '') {
  const template = withFunction(...lines);
  return generate({
    templateFile: 'template.yaml',
    templateText: metadata
      ? template.replace('    Properties:', `    Metadata:\n${metadata}\n    Properties:`)
      : template,
    files: memoryFiles(files, texts),
  });
}

const dockerfile = (result: ReturnType<typeof run>) =>
  result.output?.files['functions/Fn/Dockerfile'] ?? '';

describe('generate: dependencies and compiles happen in a builder stage, as sam build does them', () => {
  it.each([
    [
      'package.json with a lock file → npm ci',
      ['CodeUri: src', 'Handler: app.handler', 'Runtime: nodejs20.x'],
      ['src/app.js', 'src/package.json', 'src/package-lock.json'],
      [
        'ARG BUILD_IMAGE=onpre-lambda/build-nodejs:20',
        'COPY code/package.json code/package-lock.json ./',
        'RUN npm ci --omit=dev',
        'COPY --from=build /build/node_modules/ /var/task/node_modules/',
        'COPY code/ /var/task/',
      ],
    ],
    [
      'package.json alone → npm install',
      ['CodeUri: src', 'Handler: app.handler', 'Runtime: nodejs22.x'],
      ['src/app.js', 'src/package.json'],
      ['COPY code/package.json ./', 'RUN npm install --omit=dev'],
    ],
    [
      'requirements.txt → pip install --target',
      ['CodeUri: src', 'Handler: app.handler', 'Runtime: python3.12'],
      ['src/app.py', 'src/requirements.txt'],
      [
        'ARG BUILD_IMAGE=onpre-lambda/build-python:3.11',
        'ARG PIP_INDEX_URL',
        'COPY code/requirements.txt ./',
        'pip install --disable-pip-version-check --no-cache-dir --target packages -r requirements.txt',
        'COPY --from=build /build/packages/ /var/task/',
      ],
    ],
    [
      'go1.x → go build of the handler binary, only the binary shipped',
      ['CodeUri: hello', 'Handler: hello-world', 'Runtime: go1.x'],
      ['hello/main.go', 'hello/go.mod'],
      [
        'ARG BUILD_IMAGE=onpre-lambda/build-go:latest',
        'go build -o /build/out/hello-world .',
        'COPY --from=build /build/out/ /var/task/',
        'CMD ["hello-world"]',
      ],
    ],
  ])('%s', (_label, lines, files, expected) => {
    const result = run(lines, files);
    expect(result.errors).toEqual([]);
    for (const line of expected) expect(dockerfile(result)).toContain(line);
  });

  it('provided.al2023 with BuildMethod go1.x builds bootstrap; the sources stay out of the image', () => {
    const result = run(
      ['CodeUri: hello-world/', 'Handler: bootstrap', 'Runtime: provided.al2023'],
      ['hello-world/main.go', 'hello-world/go.mod'],
      {},
      '      BuildMethod: go1.x',
    );
    expect(result.errors).toEqual([]);
    expect(dockerfile(result)).toContain('-o /build/out/bootstrap .');
    expect(dockerfile(result)).not.toContain('COPY code/ /var/task/');
    expect(result.output?.functions[0].build).toEqual({ kind: 'go', binary: 'bootstrap' });
  });

  it('BuildMethod makefile runs make build-<LogicalId> with ARTIFACTS_DIR', () => {
    const result = run(
      ['CodeUri: rust', 'Handler: bootstrap', 'Runtime: provided.al2'],
      ['rust/Makefile'],
      {},
      '      BuildMethod: makefile',
    );
    expect(result.errors).toEqual([]);
    expect(dockerfile(result)).toContain('ARTIFACTS_DIR=/build/out make build-Fn');
    expect(dockerfile(result)).toContain('ARG BUILD_IMAGE=onpre-lambda/build-go:latest');
  });

  it('BuildMethod makefile of a Java function runs on the JDK builder', () => {
    const result = run(
      ['CodeUri: java', 'Handler: example.App::handleRequest', 'Runtime: java17'],
      ['java/Makefile'],
      {},
      '      BuildMethod: makefile',
    );
    expect(result.errors).toEqual([]);
    expect(dockerfile(result)).toContain('ARG BUILD_IMAGE=onpre-lambda/build-java:17');
    expect(dockerfile(result)).toContain('ARTIFACTS_DIR=/build/out make build-Fn');
    expect(result.output?.functions[0].build).toEqual({
      kind: 'makefile',
      target: 'build-Fn',
      family: 'java',
    });
  });

  it.each([
    ['a provided function without BuildMethod: copied as is', 'provided.al2023', 'bootstrap', ''],
    ['an esbuild bundle: node_modules are bundled', 'nodejs20.x', 'app.handler', 'esbuild'],
  ])('%s', (_label, runtime, handler, method) => {
    const result = run(
      ['CodeUri: src', `Handler: ${handler}`, `Runtime: ${runtime}`],
      ['src/app.js', 'src/bootstrap', 'src/package.json'],
      {},
      method ? `      BuildMethod: ${method}` : '',
    );
    expect(result.errors).toEqual([]);
    expect(dockerfile(result)).not.toContain('AS build');
  });

  it.each([
    [
      'Gemfile',
      ['CodeUri: src', 'Handler: app.handler', 'Runtime: ruby3.1'],
      ['src/app.rb', 'src/Gemfile'],
      {},
      'Gemfile dependencies are not installed here',
    ],
    [
      'Maven',
      ['CodeUri: HelloWorldFunction', 'Handler: helloworld.App::handleRequest', 'Runtime: java17'],
      ['HelloWorldFunction/pom.xml'],
      {},
      'Maven builds are not run here',
    ],
    [
      'Gradle',
      ['CodeUri: fn', 'Handler: helloworld.App::handleRequest', 'Runtime: java17'],
      ['fn/build.gradle'],
      {},
      'Gradle builds are not run here',
    ],
    [
      'Go modules, not vendored',
      ['CodeUri: hello', 'Handler: hello', 'Runtime: go1.x'],
      [],
      { 'hello/go.mod': 'module hello\nrequire github.com/aws/aws-lambda-go v1.36.1\n' },
      'there is no vendor/ folder',
    ],
  ])('%s: what is not done here is said once', (_label, lines, files, texts, message) => {
    const result = run(lines, files, texts);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([
      expect.objectContaining({ logicalId: 'Fn', message: expect.stringContaining(message) }),
    ]);
  });

  it.each([
    [
      'makefile without a Makefile',
      ['CodeUri: src', 'Handler: bootstrap', 'Runtime: provided.al2'],
      '      BuildMethod: makefile',
      'BuildMethod makefile needs src/Makefile',
    ],
    [
      'go1.x build of a python function',
      ['CodeUri: src', 'Handler: app.handler', 'Runtime: python3.11'],
      '      BuildMethod: go1.x',
      'BuildMethod go1.x needs a provided or go1.x Runtime',
    ],
    [
      'a Go binary name with a slash',
      ['CodeUri: src', 'Handler: bin/hello', 'Runtime: go1.x'],
      '',
      'the Handler of a Go function names its binary',
    ],
  ])('%s is an error with its line', (_label, lines, metadata, message) => {
    const result = run(lines, ['src/app.py', 'src/main.go'], {}, metadata);
    expect(result.errors).toEqual([
      expect.objectContaining({
        logicalId: 'Fn',
        line: expect.any(Number),
        message: expect.stringContaining(message),
      }),
    ]);
  });

  it.each([
    ['requests==2.31.0\nboto3', false],
    ['# comment ./x\nrequests', false],
    ['./vendor/greeting', true],
    ['-e .', true],
    ['--find-links ./wheels\ngreeting', true],
    ['-r /abs/other.txt', true],
    ['greeting @ file:///wheels/greeting.whl', false],
    ['file:vendor/pkg', true],
  ])('requirements %j names local paths: %s', (text, expected) => {
    expect(namesLocalPaths(text)).toBe(expected);
  });

  it('requirements with local paths give the builder the whole code folder', () => {
    const result = run(
      ['CodeUri: src', 'Handler: app.handler', 'Runtime: python3.11'],
      ['src/app.py'],
      { 'src/requirements.txt': './vendor/greeting\n' },
    );
    expect(dockerfile(result)).toContain('COPY code/ ./\nRUN mkdir -p packages');
  });
});

describe('generate: code sources as SAM reads them', () => {
  it.each([
    [
      'no CodeUri → the template folder',
      ['Handler: app.handler', 'Runtime: python3.11'],
      ['app.py'],
      { codeUri: '.' },
      'copied',
    ],
    [
      'InlineCode → the handler file',
      [
        'Handler: index.handler',
        'Runtime: nodejs20.x',
        'InlineCode: "exports.handler = async () => 1"',
      ],
      [],
      {
        code: { kind: 'inline', file: 'index.js', text: 'exports.handler = async () => 1' },
      },
      'inline code',
    ],
    [
      'a .zip CodeUri → unpacked',
      ['CodeUri: dist/fn.zip', 'Handler: app.handler', 'Runtime: python3.11'],
      ['dist/fn.zip'],
      { codeUri: 'dist/fn.zip', code: { kind: 'zip', path: 'dist/fn.zip' } },
      'unzipped',
    ],
    [
      'a .jar CodeUri → lib/',
      ['CodeUri: target/app.jar', 'Handler: hello.App::handleRequest', 'Runtime: java17'],
      ['target/app.jar'],
      { code: { kind: 'jar', path: 'target/app.jar' } },
      'jar in lib/',
    ],
  ])('%s', (_label, lines, files, expected, packaging) => {
    const result = run(lines, files);
    expect(result.errors).toEqual([]);
    expect(result.output?.functions[0]).toMatchObject(expected);
    expect(summarizeFunctions(result.output?.functions ?? [])[0]).toContain(`, ${packaging}:`);
  });

  it.each([
    [
      'InlineCode for ruby',
      ['Handler: app.handler', 'Runtime: ruby3.3', 'InlineCode: "x"'],
      'InlineCode is not available for this runtime',
    ],
    [
      'a missing zip',
      ['CodeUri: fn.zip', 'Handler: app.handler', 'Runtime: python3.11'],
      "CodeUri 'fn.zip' is not a file",
    ],
    [
      'InlineCode that is not a string',
      ['Handler: app.handler', 'Runtime: python3.11', 'InlineCode: [1]'],
      'InlineCode must be a string',
    ],
  ])('%s is an error', (_label, lines, message) => {
    const result = run(lines, []);
    expect(result.errors.map((error) => error.message)).toEqual([expect.stringContaining(message)]);
  });
});
