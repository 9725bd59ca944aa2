import { load } from 'js-yaml';
import type { RoutingFile } from '@app/contracts';
import { readHttpCors, readRestCors } from '../src/cors-config';
import { TemplateError } from '../src/diagnostics';
import { generateText } from './support';

function template(apis: string[], events: string[], globals: string[] = []): string {
  return [
    'Transform: AWS::Serverless-2016-10-31',
    ...(globals.length ? ['Globals:', ...globals.map((line) => `  ${line}`)] : []),
    'Resources:',
    ...apis.map((line) => `  ${line}`),
    '  Fn:',
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    '      Runtime: nodejs20.x',
    '      Handler: index.handler',
    '      CodeUri: src/',
    '      Events:',
    ...events.map((line) => `        ${line}`),
  ].join('\n');
}

function routing(text: string): RoutingFile {
  const result = generateText(text, ['src/index.js']);
  expect(result.errors).toEqual([]);
  return load(result.output!.files['routing.yml']) as RoutingFile;
}

function errorsOf(text: string): string[] {
  return generateText(text, ['src/index.js']).errors.map((e) => `${e.line}: ${e.message}`);
}

const restEvent = (api = '') => [
  'Get:',
  '  Type: Api',
  '  Properties:',
  '    Path: /items/{id}',
  '    Method: get',
  ...(api ? [`    RestApiId: !Ref ${api}`] : []),
];
const httpEvent = (api = '') => [
  'Get:',
  '  Type: HttpApi',
  '  Properties:',
  '    Path: /items/{id}',
  '    Method: get',
  ...(api ? [`    ApiId: !Ref ${api}`] : []),
];

describe('generate: API stages, CORS, binary media types and timeouts', () => {
  it.each([
    {
      case: 'implicit REST API: stage Prod',
      text: template([], restEvent()),
      apis: { ServerlessRestApi: { kind: 'rest', stage: 'Prod' } },
    },
    {
      case: 'implicit HTTP API: $default',
      text: template([], httpEvent()),
      apis: { ServerlessHttpApi: { kind: 'http', stage: '$default' } },
    },
    {
      case: 'REST API: StageName, Variables, Cors shorthand, BinaryMediaTypes with ~1',
      text: template(
        [
          'Api:',
          '  Type: AWS::Serverless::Api',
          '  Properties:',
          '    StageName: v1',
          '    Variables: { table: orders, limit: 5 }',
          `    Cors: "'https://app.example.com'"`,
          '    BinaryMediaTypes: [image~1png, "*~1*"]',
        ],
        restEvent('Api'),
      ),
      apis: {
        Api: {
          kind: 'rest',
          stage: 'v1',
          stageVariables: { table: 'orders', limit: '5' },
          cors: { allowOrigins: ['https://app.example.com'], allowMethods: [], allowHeaders: [] },
          binaryMediaTypes: ['image/png', '*/*'],
        },
      },
    },
    {
      case: 'REST Cors from Globals.Api, merged key by key with the API’s own',
      text: template(
        [
          'Api:',
          '  Type: AWS::Serverless::Api',
          '  Properties:',
          '    StageName: Prod',
          '    Cors:',
          `      AllowMethods: "'GET,OPTIONS'"`,
        ],
        restEvent('Api'),
        [
          'Api:',
          '  Cors:',
          `    AllowOrigin: "'*'"`,
          `    AllowHeaders: "'Content-Type,X-Amz-Date'"`,
          `    MaxAge: "'600'"`,
        ],
      ),
      apis: {
        Api: {
          kind: 'rest',
          stage: 'Prod',
          cors: {
            allowOrigins: ['*'],
            allowMethods: ['GET', 'OPTIONS'],
            allowHeaders: ['Content-Type', 'X-Amz-Date'],
            maxAge: 600,
          },
        },
      },
    },
    {
      case: 'HTTP API: StageName, StageVariables, CorsConfiguration',
      text: template(
        [
          'Http:',
          '  Type: AWS::Serverless::HttpApi',
          '  Properties:',
          '    StageName: beta',
          '    StageVariables: { mode: test }',
          '    CorsConfiguration:',
          '      AllowOrigins: [https://app.example.com, "https://*.example.org"]',
          '      AllowMethods: [get, post]',
          '      AllowHeaders: [Content-Type]',
          '      ExposeHeaders: [x-total]',
          '      MaxAge: 300',
          '      AllowCredentials: true',
        ],
        httpEvent('Http'),
      ),
      apis: {
        Http: {
          kind: 'http',
          stage: 'beta',
          stageVariables: { mode: 'test' },
          cors: {
            allowOrigins: ['https://app.example.com', 'https://*.example.org'],
            allowMethods: ['GET', 'POST'],
            allowHeaders: ['content-type'],
            exposeHeaders: ['x-total'],
            maxAge: 300,
            allowCredentials: true,
          },
        },
      },
    },
    {
      case: 'HTTP API CorsConfiguration: true in Globals allows every origin, method and header',
      text: template([], httpEvent(), ['HttpApi:', '  CorsConfiguration: true']),
      apis: {
        ServerlessHttpApi: {
          kind: 'http',
          stage: '$default',
          cors: { allowOrigins: ['*'], allowMethods: ['*'], allowHeaders: ['*'] },
        },
      },
    },
    {
      case: 'raw RestApi with a Stage resource',
      text: template(
        [
          'Raw:',
          '  Type: AWS::ApiGateway::RestApi',
          '  Properties: { Name: raw, BinaryMediaTypes: [application~1pdf] }',
          'RawStage:',
          '  Type: AWS::ApiGateway::Stage',
          '  Properties: { RestApiId: !Ref Raw, StageName: live, Variables: { v: "1" } }',
        ],
        restEvent('Raw'),
      ),
      apis: {
        Raw: {
          kind: 'rest',
          stage: 'live',
          stageVariables: { v: '1' },
          binaryMediaTypes: ['application/pdf'],
        },
      },
    },
  ])('$case', ({ text, apis }) => {
    expect(routing(text).apis).toEqual(apis);
  });

  it('writes each route’s API and its TimeoutInMillis', () => {
    const text = template([], [...restEvent(), '    TimeoutInMillis: 1500']);
    expect(routing(text).routes[0]).toMatchObject({ api: 'ServerlessRestApi', timeoutMs: 1500 });
  });

  it.each([
    [
      'TimeoutInMillis above REST’s 29000',
      template([], [...restEvent(), '    TimeoutInMillis: 29001']),
      /TimeoutInMillis must be an integer 50-29000/,
    ],
    [
      'an unquoted REST origin',
      template([], restEvent(), ['Api:', '  Cors: "*"']),
      /single quotes/,
    ],
    [
      'an HTTP origin that is not one',
      template([], httpEvent(), [
        'HttpApi:',
        '  CorsConfiguration:',
        '    AllowOrigins: [example.com]',
      ]),
      /'example.com' is not an origin/,
    ],
    [
      'credentials with a wildcard origin',
      template([], httpEvent(), [
        'HttpApi:',
        '  CorsConfiguration:',
        '    AllowOrigins: ["*"]',
        '    AllowCredentials: true',
      ]),
      /AllowCredentials cannot be true/,
    ],
    [
      'a stage name API Gateway refuses',
      template(
        ['Api:', '  Type: AWS::Serverless::Api', '  Properties: { StageName: "my stage" }'],
        restEvent('Api'),
      ),
      /StageName 'my stage'/,
    ],
  ])('refuses %s, naming the line', (_case, text, message) => {
    const errors = errorsOf(text);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^\d+: /);
    expect(errors[0]).toMatch(message);
  });
});

describe('CORS readers', () => {
  it.each([
    [`'*'`, { allowOrigins: ['*'], allowMethods: [], allowHeaders: [] }],
    [
      { AllowOrigin: `'http://localhost:3000'`, AllowCredentials: true, MaxAge: 60 },
      {
        allowOrigins: ['http://localhost:3000'],
        allowMethods: [],
        allowHeaders: [],
        maxAge: 60,
        allowCredentials: true,
      },
    ],
  ])('REST %j', (input, expected) => {
    expect(readRestCors(input, ['Cors'])).toEqual(expected);
  });

  it.each([
    [{ AllowOrigin: `'*'`, AllowCredentials: true }, /AllowCredentials/],
    [{ AllowMethods: `'GET'` }, /needs AllowOrigin/],
    [{ AllowOrigin: `'https://*.example.com'` }, /not an origin/],
  ])('REST refuses %j', (input, message) => {
    expect(() => readRestCors(input, ['Cors'])).toThrow(TemplateError);
    expect(() => readRestCors(input, ['Cors'])).toThrow(message);
  });

  it.each([
    [false, undefined],
    [
      { allowOrigins: ['*'], maxAge: 0 },
      { allowOrigins: ['*'], allowMethods: [], allowHeaders: [], exposeHeaders: [], maxAge: 0 },
    ],
  ])('HTTP %j (OpenAPI spelling too)', (input, expected) => {
    expect(readHttpCors(input, ['CorsConfiguration'])).toEqual(expected);
  });

  it.each([
    [{ AllowOrigins: 'https://a.example' }, /list of strings/],
    [{ AllowOrigins: ['https://a.example/'] }, /not an origin/],
    [{ MaxAge: 90000 }, /MaxAge/],
    ['yes', /true, false or a mapping/],
  ])('HTTP refuses %j', (input, message) => {
    expect(() => readHttpCors(input, ['CorsConfiguration'])).toThrow(message);
  });
});
