import { load } from 'js-yaml';
import type { RoutingFile } from '@app/contracts';
import { generateText } from './support';

const FILES = ['src/index.js'];

/** A REST API with a TOKEN authorizer, `ApiKeyRequired` and the given extra API properties. */
function restApi(apiProperties: string[], eventAuth = 'Auth: { ApiKeyRequired: true }'): string {
  return [
    'Transform: AWS::Serverless-2016-10-31',
    'Resources:',
    '  Api:',
    '    Type: AWS::Serverless::Api',
    '    Properties:',
    '      StageName: prod',
    ...apiProperties.map((line) => `      ${line}`),
    '      Auth:',
    '        DefaultAuthorizer: Token',
    '        Authorizers: { Token: { FunctionArn: !GetAtt AuthFn.Arn } }',
    '  AuthFn:',
    '    Type: AWS::Serverless::Function',
    '    Properties: { CodeUri: src, Handler: index.handler, Runtime: nodejs20.x }',
    '  Fn:',
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    '      CodeUri: src',
    '      Handler: index.handler',
    '      Runtime: nodejs20.x',
    '      Events:',
    '        Get:',
    '          Type: Api',
    '          Properties:',
    '            RestApiId: !Ref Api',
    '            Path: /x',
    '            Method: get',
    `            ${eventAuth}`,
  ].join('\n');
}

function routingOf(template: string): RoutingFile {
  const generated = generateText(template, FILES);
  expect(generated.errors).toEqual([]);
  return load(generated.output?.files['routing.yml'] ?? '') as RoutingFile;
}

describe('generate: where API keys come from (ApiKeySourceType)', () => {
  it.each([
    ['no ApiKeySourceType', [], undefined],
    ['HEADER', ['ApiKeySourceType: HEADER'], undefined],
    ['AUTHORIZER', ['ApiKeySourceType: AUTHORIZER'], 'AUTHORIZER'],
    [
      "the OpenAPI body's x-amazon-apigateway-api-key-source",
      [
        'DefinitionBody:',
        "  swagger: '2.0'",
        '  x-amazon-apigateway-api-key-source: AUTHORIZER',
        '  paths: {}',
      ],
      'AUTHORIZER',
    ],
  ])('%s → apiKeySource %s', (_case, properties, source) => {
    const route = routingOf(restApi(properties)).routes[0];
    expect(route.auth).toEqual({
      authorizer: 'Api.Token',
      apiKeyRequired: true,
      ...(source ? { apiKeySource: source } : {}),
    });
  });

  it('routes without ApiKeyRequired carry no key source', () => {
    const route = routingOf(restApi(['ApiKeySourceType: AUTHORIZER'], 'Auth: {}')).routes[0];
    expect(route.auth).toEqual({ authorizer: 'Api.Token' });
  });

  it('an unknown source is an error with its line', () => {
    const generated = generateText(restApi(['ApiKeySourceType: COOKIE']), FILES);
    expect(generated.errors.map((error) => [error.message, error.line])).toEqual([
      ['ApiKeySourceType must be HEADER or AUTHORIZER', 7],
    ]);
  });

  it('AUTHORIZER on a route without a Lambda authorizer is a warning (every call 403, as on AWS)', () => {
    const generated = generateText(
      restApi(['ApiKeySourceType: AUTHORIZER'], 'Auth: { ApiKeyRequired: true, Authorizer: NONE }'),
      FILES,
    );
    expect(generated.warnings.map((warning) => warning.message)).toContainEqual(
      expect.stringContaining('requires an API key from its authorizer'),
    );
  });
});

describe('generate: AWS_IAM authorization is said once where it is declared', () => {
  const template = [
    'Transform: AWS::Serverless-2016-10-31',
    'Resources:',
    '  Api:',
    '    Type: AWS::Serverless::Api',
    '    Properties:',
    '      StageName: prod',
    '      Auth: { DefaultAuthorizer: AWS_IAM }',
    '  Fn:',
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    '      CodeUri: src',
    '      Handler: index.handler',
    '      Runtime: nodejs20.x',
    '      Events:',
    ...['a', 'b', 'c'].flatMap((path) => [
      `        Get${path}:`,
      '          Type: Api',
      `          Properties: { RestApiId: !Ref Api, Path: /${path}, Method: get }`,
    ]),
    '        Own:',
    '          Type: Api',
    '          Properties:',
    '            RestApiId: !Ref Api',
    '            Path: /own',
    '            Method: post',
    '            Auth: { Authorizer: AWS_IAM }',
  ].join('\n');

  it('one summary line for the default (listing its routes), one for the event that names it', () => {
    const generated = generateText(template, FILES);
    const iam = (generated.ignored ?? []).filter((item) => item.message.includes('AWS_IAM'));
    expect(iam.map((item) => [item.logicalId, item.line, item.message.split(':')[0]])).toEqual([
      ['Api', 7, 'AWS_IAM authorization of GET /a, GET /b, GET /c'],
      ['Fn', 30, 'AWS_IAM authorization of POST /own'],
    ]);
    expect(iam[0].message).toContain("the Gateway's own login guards these routes instead");
    const routing = load(generated.output?.files['routing.yml'] ?? '') as RoutingFile;
    expect(routing.authorizers?.['Api.AWS_IAM']).toMatchObject({ type: 'unsupported' });
  });
});

describe('generate: per-method usage plan throttles (ApiStages[].Throttle)', () => {
  const plan = (throttle: string[]) =>
    restApi([], 'Auth: { ApiKeyRequired: true, Authorizer: NONE }') +
    [
      '',
      '  Plan:',
      '    Type: AWS::ApiGateway::UsagePlan',
      '    Properties:',
      '      Throttle: { RateLimit: 10, BurstLimit: 20 }',
      '      ApiStages:',
      '        - ApiId: !Ref Api',
      '          Stage: prod',
      '          Throttle:',
      ...throttle.map((line) => `            ${line}`),
    ].join('\n');

  it('reads /<path>/<METHOD> keys ("//GET" is the root)', () => {
    const routing = routingOf(
      plan([
        "'/x/GET': { RateLimit: 1, BurstLimit: 2 }",
        "'//POST': { RateLimit: 3, BurstLimit: 4 }",
      ]),
    );
    expect(routing.usagePlans?.[0]).toMatchObject({
      throttle: { rateLimit: 10, burstLimit: 20 },
      methodThrottles: [
        { api: 'Api', path: '/x', method: 'GET', throttle: { rateLimit: 1, burstLimit: 2 } },
        { api: 'Api', path: '/', method: 'POST', throttle: { rateLimit: 3, burstLimit: 4 } },
      ],
    });
  });

  it('a key without a method is an error with its line', () => {
    const generated = generateText(plan(["'/x': { RateLimit: 1, BurstLimit: 2 }"]), FILES);
    expect(generated.errors.map((error) => error.message)).toEqual([
      "method throttle key '/x' must be '/<resource path>/<HTTP method>'",
    ]);
    expect(generated.errors[0].line).toBeGreaterThan(30);
  });
});

describe('generate: API properties nothing reads are listed once each', () => {
  const template = [
    'Transform: AWS::Serverless-2016-10-31',
    'Globals:',
    '  Api:',
    '    TracingEnabled: true',
    '    Auth: { ApiKeyRequired: true }',
    'Resources:',
    '  Api:',
    '    Type: AWS::Serverless::Api',
    '    Properties:',
    '      StageName: prod',
    '      GatewayResponses:',
    '        UNAUTHORIZED: { StatusCode: 401 }',
    '      Auth:',
    '        DefaultAuthorizer: A',
    '        Authorizers:',
    '          A: { FunctionArn: !GetAtt Fn.Arn, FunctionInvokeRole: arn:aws:iam::1:role/r }',
    '  Fn:',
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    '      CodeUri: src',
    '      Handler: index.handler',
    '      Runtime: nodejs20.x',
    '      Events:',
    '        Get: { Type: Api, Properties: { RestApiId: !Ref Api, Path: /x, Method: get } }',
  ].join('\n');

  it('GatewayResponses, Globals.Api.TracingEnabled and FunctionInvokeRole, not Globals.Api.Auth', () => {
    const generated = generateText(template, FILES);
    expect(generated.errors).toEqual([]);
    const listed = (generated.ignored ?? []).map((item) => [item.line, item.message.split(':')[0]]);
    expect(listed).toEqual([
      [4, 'TracingEnabled'],
      [11, 'GatewayResponses'],
      [16, 'authorizer A'],
    ]);
    const routing = load(generated.output?.files['routing.yml'] ?? '') as RoutingFile;
    expect(routing.routes[0].auth).toEqual({ authorizer: 'Api.A', apiKeyRequired: true });
  });
});
