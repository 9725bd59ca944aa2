import { formatDiagnostic } from '@app/sam-generator';
import { FILES, generateText, route, VALID, withFunction } from './support';

describe('generate: errors name file, line and logical id', () => {
  it.each([
    [
      'runtime that cannot run here',
      withFunction('CodeUri: src', 'Handler: index.handler', 'Runtime: dotnet8'),
      8,
      "runtime 'dotnet8' cannot run here",
    ],
    [
      'missing Runtime',
      withFunction('CodeUri: src', 'Handler: index.handler'),
      5,
      'missing Runtime',
    ],
    [
      'CodeUri not a folder',
      withFunction('CodeUri: nowhere', 'Handler: index.handler', 'Runtime: nodejs20.x'),
      6,
      "CodeUri 'nowhere' is not a directory",
    ],
    [
      'CodeUri on S3',
      withFunction(
        'CodeUri: s3://bucket/code.zip',
        'Handler: index.handler',
        'Runtime: nodejs20.x',
      ),
      6,
      'CodeUri must be a local directory',
    ],
    ['missing Handler', withFunction('CodeUri: src', 'Runtime: nodejs20.x'), 5, 'missing Handler'],
    [
      'Handler without function',
      withFunction('CodeUri: src', 'Handler: index', 'Runtime: nodejs20.x'),
      7,
      "Handler 'index' must look like <module>.<function>",
    ],
    [
      'node handler file missing',
      withFunction('CodeUri: src', 'Handler: main.handler', 'Runtime: nodejs20.x'),
      7,
      'handler file not found: expected src/main.js or src/main.mjs or src/main.cjs',
    ],
    [
      'python handler file missing',
      withFunction('CodeUri: src', 'Handler: pkg.mod.handler', 'Runtime: python3.11'),
      7,
      'handler file not found: expected src/pkg/mod.py',
    ],
    [
      'InlineCode and CodeUri',
      withFunction(...VALID, 'InlineCode: "exports.handler = 1"'),
      9,
      'set either InlineCode or CodeUri, not both',
    ],
    [
      'image package without a Dockerfile',
      withFunction('PackageType: Image'),
      6,
      'a PackageType Image function needs Metadata Dockerfile and DockerContext',
    ],
    [
      'bad function name',
      withFunction(...VALID, 'FunctionName: has space'),
      9,
      "invalid function name 'has space'",
    ],
    [
      'bad Timeout',
      withFunction(...VALID, 'Timeout: soon'),
      9,
      "Timeout must be a whole number from 1 to 900, got 'soon'",
    ],
    [
      'Timeout above the AWS limit',
      withFunction(...VALID, 'Timeout: 901'),
      9,
      "Timeout must be a whole number from 1 to 900, got '901'",
    ],
    [
      'bad MemorySize',
      withFunction(...VALID, 'MemorySize: -1'),
      9,
      "MemorySize must be a whole number from 128 to 10240, got '-1'",
    ],
    [
      'bad reserved concurrency',
      withFunction(...VALID, 'ReservedConcurrentExecutions: 1.5'),
      9,
      'ReservedConcurrentExecutions must be a whole number from 1 to 1000',
    ],
    [
      'bad provisioned concurrency',
      withFunction(
        ...VALID,
        'ProvisionedConcurrencyConfig:',
        '  ProvisionedConcurrentExecutions: -1',
      ),
      9,
      "ProvisionedConcurrentExecutions must be a whole number from 0 to 1000, got '-1'",
    ],
    [
      'provisioned above reserved concurrency',
      withFunction(
        ...VALID,
        'ReservedConcurrentExecutions: 2',
        'ProvisionedConcurrencyConfig:',
        '  ProvisionedConcurrentExecutions: 3',
      ),
      10,
      'ProvisionedConcurrentExecutions (3) exceeds ReservedConcurrentExecutions (2)',
    ],
    [
      'zero reserved concurrency',
      withFunction(...VALID, 'ReservedConcurrentExecutions: 0'),
      9,
      "ReservedConcurrentExecutions must be a whole number from 1 to 1000, got '0'",
    ],
    [
      'environment value not a string',
      withFunction(...VALID, 'Environment:', '  Variables:', '    LIST: [a, b]'),
      11,
      'environment variable LIST must be a string',
    ],
    [
      'unresolved reference',
      withFunction(...VALID, 'Environment:', '  Variables:', '    X: !Ref Nope'),
      11,
      "unresolved reference 'Nope'",
    ],
    [
      'unknown condition',
      withFunction(...VALID, 'Timeout: !If [Missing, 1, 2]'),
      9,
      "unknown condition 'Missing'",
    ],
    [
      'Fn::Select out of range',
      withFunction(...VALID, 'Timeout: !Select [5, [1, 2]]'),
      9,
      'Fn::Select index 5 is out of range',
    ],
    [
      'Fn::Cidr too many subnets',
      withFunction(
        ...VALID,
        'Environment:',
        '  Variables:',
        "    C: !Select [0, !Cidr ['10.0.0.0/30', 8, 2]]",
      ),
      11,
      'Fn::Cidr: 8 subnets of /30 do not fit',
    ],
    [
      'unknown HTTP method',
      withFunction(...VALID, 'Events:', ...route('E', '/x', 'FETCH')),
      14,
      "unknown HTTP method 'FETCH'",
    ],
    [
      'path without slash',
      withFunction(...VALID, 'Events:', ...route('E', 'x')),
      13,
      "path 'x' must start with '/'",
    ],
    [
      'greedy segment not last',
      withFunction(...VALID, 'Events:', ...route('E', '/{proxy+}/x')),
      13,
      'must be the last segment',
    ],
    [
      'Api event without Path',
      withFunction(
        ...VALID,
        'Events:',
        '  E:',
        '    Type: Api',
        '    Properties:',
        '      Method: GET',
      ),
      12,
      'Api event E needs both Path and Method',
    ],
    [
      'bad payload version',
      withFunction(
        ...VALID,
        'Events:',
        '  E:',
        '    Type: HttpApi',
        '    Properties:',
        '      PayloadFormatVersion: "3.0"',
      ),
      13,
      "PayloadFormatVersion must be '1.0' or '2.0'",
    ],
    [
      'duplicate route',
      withFunction(
        ...VALID,
        'Events:',
        ...route('A', '/users/{id}'),
        ...route('B', '/users/{userId}', 'get'),
      ),
      15,
      'duplicate route GET /users/{userId}: already served by Fn (event A)',
    ],
    [
      'esbuild entry point missing',
      withFunction(...VALID).replace(
        '    Properties:',
        '    Metadata:\n      BuildMethod: esbuild\n      BuildProperties:\n        EntryPoints: [app.ts]\n    Properties:',
      ),
      11,
      'esbuild entry point not found: src/app.ts',
    ],
  ])('%s', (_name, template, line, message) => {
    const result = generateText(template, FILES);
    expect(result.output).toBeUndefined();
    expect(result.errors).toEqual([
      expect.objectContaining({
        file: 'template.yaml',
        line,
        logicalId: 'Fn',
        message: expect.stringContaining(message),
      }),
    ]);
  });

  it('points at Globals when the bad value comes from there', () => {
    const template = [
      'Globals:',
      '  Function:',
      '    Runtime: cobol',
      ...withFunction('CodeUri: src', 'Handler: index.handler').split('\n'),
    ].join('\n');
    expect(generateText(template, FILES).errors).toEqual([
      expect.objectContaining({
        line: 3,
        logicalId: 'Fn',
        message: expect.stringContaining("runtime 'cobol' cannot run here"),
      }),
    ]);
  });

  it.each([
    ['YAML syntax', 'Resources:\n  Fn: [unclosed\n', 3, 'YAML syntax error'],
    [
      'no Resources',
      'Description: nothing\n',
      undefined,
      'not a SAM template: no Resources section',
    ],
    [
      'parameter without default',
      'Parameters:\n  Stage:\n    Type: String\nResources: {}\n',
      2,
      'parameter Stage has no Default; pass a value (--param Stage=<value>)',
    ],
    [
      'layer folder missing',
      'Resources:\n  L:\n    Type: AWS::Serverless::LayerVersion\n    Properties:\n      ContentUri: layers/none\n',
      5,
      "ContentUri 'layers/none' is not a directory",
    ],
    [
      'two functions, one image',
      `${withFunction(...VALID, 'FunctionName: Hello')}\n  Other:\n    Type: AWS::Serverless::Function\n    Properties:\n      FunctionName: hello\n      CodeUri: src\n      Handler: index.handler\n      Runtime: nodejs20.x\n`,
      10,
      'function hello would share image onpre-lambda/fn-hello:latest with Hello',
    ],
  ])('%s', (_name, template, line, message) => {
    const result = generateText(template, FILES);
    expect(result.errors).toEqual([
      expect.objectContaining({ line, message: expect.stringContaining(message) }),
    ]);
  });

  it('formats a diagnostic as file:line: logicalId: message', () => {
    const [error] = generateText(
      withFunction('CodeUri: src', 'Handler: index.handler', 'Runtime: dotnet8'),
      FILES,
    ).errors;
    expect(formatDiagnostic(error)).toBe(
      "template.yaml:8: Fn: runtime 'dotnet8' cannot run here (no .NET runtime image); package the function as a container image instead: PackageType: Image with Metadata Dockerfile / DockerContext",
    );
  });
});
