import { load } from 'js-yaml';
import type { RoutingFile } from '@app/contracts';
import { generateText } from './support';

/** A template with function `Fn` (name `fn-one`), its extra property lines, and more resources. */
function template(properties: string[], resources: string[] = [], globals: string[] = []): string {
  return [
    'Transform: AWS::Serverless-2016-10-31',
    ...(globals.length ? ['Globals:', '  Function:', ...globals.map((line) => `    ${line}`)] : []),
    'Resources:',
    '  Fn:',
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    '      FunctionName: fn-one',
    '      Runtime: nodejs20.x',
    '      Handler: index.handler',
    '      CodeUri: src/',
    ...properties.map((line) => `      ${line}`),
    ...resources.map((line) => `  ${line}`),
  ].join('\n');
}

function generated(text: string) {
  return generateText(text, ['src/index.js']);
}

function routing(text: string): RoutingFile {
  const result = generated(text);
  expect(result.errors).toEqual([]);
  return load(result.output!.files['routing.yml']) as RoutingFile;
}

describe('generate: function URLs', () => {
  it.each([
    {
      case: 'FunctionUrlConfig AuthType NONE, default invoke mode',
      text: template(['FunctionUrlConfig:', '  AuthType: NONE']),
      urls: { 'fn-one': { authType: 'NONE', invokeMode: 'BUFFERED' } },
    },
    {
      case: 'AWS_IAM, RESPONSE_STREAM, Cors',
      text: template([
        'FunctionUrlConfig:',
        '  AuthType: AWS_IAM',
        '  InvokeMode: RESPONSE_STREAM',
        '  Cors:',
        '    AllowOrigins: [https://app.example.com]',
        '    AllowMethods: [GET, post]',
        '    AllowHeaders: [X-Custom]',
        '    ExposeHeaders: [X-Total]',
        '    MaxAge: 300',
        '    AllowCredentials: true',
      ]),
      urls: {
        'fn-one': {
          authType: 'AWS_IAM',
          invokeMode: 'RESPONSE_STREAM',
          cors: {
            allowOrigins: ['https://app.example.com'],
            allowMethods: ['GET', 'POST'],
            allowHeaders: ['x-custom'],
            exposeHeaders: ['X-Total'],
            maxAge: 300,
            allowCredentials: true,
          },
        },
      },
    },
    {
      case: 'from Globals.Function',
      text: template([], [], ['FunctionUrlConfig:', '  AuthType: NONE']),
      urls: { 'fn-one': { authType: 'NONE', invokeMode: 'BUFFERED' } },
    },
    {
      case: 'raw AWS::Lambda::Url with !GetAtt Arn',
      text: template(
        [],
        [
          'FnUrl:',
          '  Type: AWS::Lambda::Url',
          '  Properties:',
          '    TargetFunctionArn: !GetAtt Fn.Arn',
          '    AuthType: NONE',
          '    InvokeMode: RESPONSE_STREAM',
        ],
      ),
      urls: { 'fn-one': { authType: 'NONE', invokeMode: 'RESPONSE_STREAM' } },
    },
    {
      case: 'raw AWS::Lambda::Url with !Ref (the name)',
      text: template(
        [],
        [
          'FnUrl:',
          '  Type: AWS::Lambda::Url',
          '  Properties:',
          '    TargetFunctionArn: !Ref Fn',
          '    AuthType: AWS_IAM',
        ],
      ),
      urls: { 'fn-one': { authType: 'AWS_IAM', invokeMode: 'BUFFERED' } },
    },
  ])('$case', ({ text, urls }) => {
    expect(routing(text).functionUrls).toEqual(urls);
  });

  it('writes no functionUrls section when no function has a URL', () => {
    expect(routing(template([])).functionUrls).toBeUndefined();
  });

  it('lists an AWS::Lambda::Url Qualifier as not acted on, and no longer the URL itself', () => {
    const result = generated(
      template(
        [],
        [
          'FnUrl:',
          '  Type: AWS::Lambda::Url',
          '  Properties:',
          '    TargetFunctionArn: !GetAtt Fn.Arn',
          '    AuthType: NONE',
          '    Qualifier: live',
        ],
      ),
    );
    const ignored = result.ignored.map((item) => `${item.line}: ${item.message}`);
    expect(ignored).toEqual([expect.stringMatching(/^15: Qualifier: .*\$LATEST/)]);
  });

  it.each([
    {
      case: 'no AuthType',
      lines: ['FunctionUrlConfig:', '  InvokeMode: BUFFERED'],
      error: '10: FunctionUrlConfig needs AuthType (NONE or AWS_IAM)',
    },
    {
      case: 'bad AuthType',
      lines: ['FunctionUrlConfig:', '  AuthType: COGNITO'],
      error: "11: AuthType must be NONE or AWS_IAM, got 'COGNITO'",
    },
    {
      case: 'bad InvokeMode',
      lines: ['FunctionUrlConfig:', '  AuthType: NONE', '  InvokeMode: STREAM'],
      error: "12: InvokeMode must be BUFFERED or RESPONSE_STREAM, got 'STREAM'",
    },
    {
      case: 'an origin that is not one',
      lines: ['FunctionUrlConfig:', '  AuthType: NONE', '  Cors:', '    AllowOrigins: [example]'],
      error: "13: 'example' is not an origin (scheme://host[:port], scheme://*.domain, or *)",
    },
    {
      case: 'a method Lambda does not allow',
      lines: ['FunctionUrlConfig:', '  AuthType: NONE', '  Cors:', '    AllowMethods: [OPTIONS]'],
      error:
        "13: 'OPTIONS' is not a function URL method (GET, PUT, HEAD, POST, PATCH, DELETE or *)",
    },
  ])('error: $case', ({ lines, error }) => {
    const errors = generated(template(lines)).errors.map((e) => `${e.line}: ${e.message}`);
    expect(errors).toEqual([error]);
  });

  it.each([
    {
      case: 'a target the template does not define',
      target: 'arn:aws:lambda:us-east-1:123456789012:function:elsewhere',
      error: "no function 'elsewhere' in this template",
    },
    { case: 'a second URL for one function', target: '!GetAtt Fn.Arn', error: 'already has' },
  ])('error on AWS::Lambda::Url: $case', ({ target, error }) => {
    const result = generated(
      template(
        ['FunctionUrlConfig:', '  AuthType: NONE'],
        [
          'FnUrl:',
          '  Type: AWS::Lambda::Url',
          '  Properties:',
          `    TargetFunctionArn: ${target}`,
          '    AuthType: NONE',
        ],
      ),
    );
    expect(result.errors.map((e) => `${e.line}: ${e.message}`)).toEqual([
      expect.stringMatching(new RegExp(`^15: .*${error}`)),
    ]);
  });
});
