import 'reflect-metadata';
import { generate } from '@app/sam-generator';
import { parseFunctionsFile } from './functions-file';

/** What a template author writes reaches the function as written, never the Manager's secrets. */
describe('template values through the generator and the Manager', () => {
  const managerEnv = {
    MANAGER_TOKEN: 'manager-secret-token',
    DOCKER_SOCKET: '/var/run/docker.sock',
    FUNCTION_ENV_STAGE: 'prod',
  };

  function generatedEnvironment(variables: string[]): Record<string, string> {
    const result = generate({
      templateFile: 'template.yaml',
      templateText: [
        'Resources:',
        '  Fn:',
        '    Type: AWS::Serverless::Function',
        '    Properties:',
        '      CodeUri: src',
        '      Handler: index.handler',
        '      Runtime: nodejs20.x',
        '      Environment:',
        '        Variables:',
        ...variables.map((line) => `          ${line}`),
      ].join('\n'),
      files: { isFile: (path) => path === 'src/index.js', isDirectory: (path) => path === 'src' },
    });
    expect(result.errors).toEqual([]);
    const functions = parseFunctionsFile(
      result.output?.files['functions.yml'] ?? '',
      'functions.yml',
      managerEnv,
      10,
    );
    return functions.get('Fn')?.environment ?? {};
  }

  it.each([
    ['${MANAGER_TOKEN}', '${MANAGER_TOKEN}'],
    ['${DOCKER_SOCKET:-none}', '${DOCKER_SOCKET:-none}'],
    ['${FUNCTION_ENV_STAGE}', '${FUNCTION_ENV_STAGE}'],
    ['a $${MANAGER_TOKEN} b', 'a $${MANAGER_TOKEN} b'],
    ['plain', 'plain'],
  ])('template value %j reaches the function as %j', (value, expected) => {
    expect(generatedEnvironment([`VAL: ${JSON.stringify(value)}`])).toEqual({ VAL: expected });
  });

  it('!Sub results are literals too', () => {
    expect(generatedEnvironment(["VAL: !Sub '${AWS::Region}-${!MANAGER_TOKEN}'"])).toEqual({
      VAL: 'us-east-1-${MANAGER_TOKEN}',
    });
  });
});
