import { formatDiagnostic } from '@app/sam-generator';
import { performance } from 'node:perf_hooks';
import { parseCloudFormationYaml, YamlSyntaxError } from '../src/cfn-yaml';
import {
  assertBoundedExpansion,
  firstAliasLine,
  staysInside,
  YamlExpansionError,
} from '../src/template-safety';
import { billionLaughs, FILES, generateText, withFunction } from './support';

function layerTemplate(logicalId: string): string {
  return [
    'Resources:',
    `  ${JSON.stringify(logicalId)}:`,
    '    Type: AWS::Serverless::LayerVersion',
    '    Properties: { ContentUri: layers/one }',
    '  Fn:',
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    '      CodeUri: src',
    '      Handler: index.handler',
    '      Runtime: nodejs20.x',
  ].join('\n');
}

function messages(result: ReturnType<typeof generateText>): string[] {
  return result.errors.map(formatDiagnostic);
}

describe('generate: hostile templates are refused with file, line and logical id', () => {
  it.each([
    // An id written with escapes cannot be found in the text: the line is then that of Resources.
    ['a path', '../../../../../x', 2],
    ['a Dockerfile line', 'L\nRUN touch /pwned', 1],
    ['an ANSI escape', 'L\u001b[31m', 1],
    ['a slash', 'a/b', 2],
    ['a dash', 'My-Layer', 2],
    ['a space', 'My Layer', 2],
  ])('a logical id with %s', (_label, logicalId, line) => {
    const result = generateText(layerTemplate(logicalId), FILES);
    expect(result.output).toBeUndefined();
    const [first] = messages(result);
    expect(first).toMatch(
      new RegExp(`^template\\.yaml:${line}: .*logical id '.*' is invalid: .*\\[A-Za-z0-9\\]\\+`),
    );
    // Printed on one line: no control character reaches the terminal.
    // eslint-disable-next-line no-control-regex
    expect(first).not.toMatch(/[\u0000-\u001f]/);
  });

  it('accepts alphanumeric logical ids and leaves Fn::ForEach keys to their expansion', () => {
    expect(generateText(layerTemplate('SharedLayer1'), FILES).errors).toEqual([]);
  });

  it.each([
    ['a parent folder', 'CodeUri: ../secret', "CodeUri '../secret' is outside the project folder"],
    ['a climbing path', 'CodeUri: src/../../x', "CodeUri 'src/../../x' is outside the project"],
    ['an absolute path', 'CodeUri: /etc', "CodeUri '/etc' is outside the project folder"],
  ])('CodeUri with %s', (_label, codeUri, message) => {
    const result = generateText(
      withFunction(codeUri, 'Handler: index.handler', 'Runtime: nodejs20.x'),
      [...FILES, '../secret/index.js'],
    );
    expect(messages(result)).toEqual([expect.stringContaining(`template.yaml:6: Fn: ${message}`)]);
  });

  it('a layer ContentUri outside the project', () => {
    const text = layerTemplate('Layer').replace('layers/one', '../../home');
    expect(messages(generateText(text, FILES))).toEqual([
      expect.stringMatching(/^template\.yaml:4: Layer: ContentUri '\.\.\/\.\.\/home' is outside/),
    ]);
  });

  it.each([
    ['node', 'Handler: ../../secret/index.handler', 'Runtime: nodejs20.x'],
    ['python', 'Handler: ../secret.handler', 'Runtime: python3.11'],
    ['absolute', 'Handler: /etc/passwd.handler', 'Runtime: nodejs20.x'],
  ])('a %s Handler that climbs out of CodeUri', (_label, handler, runtime) => {
    const result = generateText(withFunction('CodeUri: src', handler, runtime), FILES);
    expect(messages(result)).toEqual([
      expect.stringMatching(/template\.yaml:7: Fn: Handler '.*' must name a file inside CodeUri/),
    ]);
  });

  it('esbuild entry points outside CodeUri', () => {
    const text = [
      withFunction('CodeUri: src', 'Handler: index.handler', 'Runtime: nodejs20.x'),
      '    Metadata:',
      '      BuildMethod: esbuild',
      '      BuildProperties: { EntryPoints: [../../outside.ts] }',
    ].join('\n');
    expect(messages(generateText(text, FILES))).toEqual([
      expect.stringContaining('Fn: esbuild entry points must be inside CodeUri: ../../outside.ts'),
    ]);
  });

  it('renders a Handler with quotes and newlines as one JSON word of CMD', () => {
    const result = generateText(
      withFunction('CodeUri: src', 'Handler: "index.handler\\"\\nRUN x"', 'Runtime: nodejs20.x'),
      ['src/index.js'],
    );
    const dockerfile = result.output?.files['functions/Fn/Dockerfile'] ?? '';
    expect(dockerfile.split('\n').filter((line) => /^[A-Z]+ /.test(line))).toEqual([
      'ARG BASE_IMAGE=onpre-lambda/runtime-nodejs:20',
      'FROM ${BASE_IMAGE}',
      'COPY code/ /var/task/',
      'CMD ["index.handler\\"\\nRUN x"]',
    ]);
  });

  it('refuses a base image that is not one Dockerfile word', () => {
    const images = {
      prefix: 'onpre-lambda/fn-',
      tag: 'latest',
      baseImages: { nodejs: 'node\nRUN evil', python: 'python' },
    };
    expect(() =>
      generateText(
        withFunction('CodeUri: src', 'Handler: index.handler', 'Runtime: nodejs20.x'),
        ['src/index.js'],
        { images },
      ),
    ).toThrow("cannot render base image 'node\\nRUN evil' into a Dockerfile");
  });
});

describe('YAML alias bombs', () => {
  it('refuses a billion-laughs template quickly, naming the first alias line', () => {
    const text = billionLaughs();
    expect(text.length).toBeLessThan(600);
    const started = performance.now();
    const result = generateText(text, ['src/index.js']);
    // Generous bound: an unbounded walk of 10^9 values takes minutes, the check milliseconds.
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(messages(result)).toEqual([
      'template.yaml:11: YAML aliases expand the template to more than 1,000,000 values (an alias bomb?); refused',
    ]);
  });

  it('keeps ordinary aliases and merge keys working', () => {
    const text = 'base: &base { a: 1 }\nuse: { <<: *base, b: 2 }\nlist: [*base, *base]\n';
    expect(parseCloudFormationYaml(text)).toEqual({
      base: { a: 1 },
      use: { a: 1, b: 2 },
      list: [{ a: 1 }, { a: 1 }],
    });
  });

  it('refuses a recursive alias', () => {
    expect(() => parseCloudFormationYaml('a: &x [1, *x]\n')).toThrow(YamlSyntaxError);
  });

  it.each([
    [{ a: [1, 2, 3] }, 5, 'fits'],
    [{ a: [1, 2, 3] }, 4, 'over'],
  ])('counts every value of %j against a limit of %d: %s', (document, limit, verdict) => {
    const check = () => assertBoundedExpansion(document, limit);
    if (verdict === 'fits') expect(check).not.toThrow();
    else expect(check).toThrow(YamlExpansionError);
  });

  it('counts a shared node once per place it appears', () => {
    const shared = [1, 2, 3, 4];
    expect(() => assertBoundedExpansion([shared, shared, shared], 16)).not.toThrow();
    expect(() => assertBoundedExpansion([shared, shared, shared], 15)).toThrow(YamlExpansionError);
  });

  it.each([
    ['a: *x\n', 1],
    ['a: 1\nb: [1, *x]\n', 2],
    ['a: 1\nb:\n  - *x\n', 3],
    ['a: "no * alias"\n', undefined],
  ])('finds the first alias in %j on line %s', (text, line) => {
    expect(firstAliasLine(text)).toBe(line);
  });
});

describe('staysInside', () => {
  it.each([
    ['src', true],
    ['.', true],
    ['src/../lib', true],
    ['a/b/../../c', true],
    ['..', false],
    ['../secret', false],
    ['src/../../x', false],
    ['/etc', false],
    ['C:/Windows', false],
    ['src\\..\\..\\x', false],
    ['src/\0', false],
  ])('%j → %s', (path, inside) => {
    expect(staysInside(path)).toBe(inside);
  });
});
