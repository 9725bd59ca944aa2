import { load } from 'js-yaml';
import type { RoutingFile } from '@app/contracts';
import { generateText } from './support';

const FILES = ['src/index.js'];
const uri = (fn: string) =>
  `!Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${fn}.Arn}/invocations`;

/** An API of the given type whose inline OpenAPI body is the given lines (indented under it). */
function template(type: string, body: string[], auth: string[] = []): string {
  return [
    'Transform: AWS::Serverless-2016-10-31',
    'Resources:',
    '  Api:',
    `    Type: ${type}`,
    '    Properties:',
    ...(type === 'AWS::Serverless::Api' ? ['      StageName: Prod'] : []),
    ...auth.map((line) => `      ${line}`),
    '      DefinitionBody:',
    ...body.map((line) => `        ${line}`),
    ...['AuthFn', 'AppFn'].flatMap((name) => [
      `  ${name}:`,
      '    Type: AWS::Serverless::Function',
      '    Properties: { CodeUri: src, Handler: index.handler, Runtime: nodejs20.x }',
    ]),
  ].join('\n');
}

const integration = (format?: string) => [
  '      x-amazon-apigateway-integration:',
  '        type: aws_proxy',
  '        httpMethod: POST',
  `        uri: ${uri('AppFn')}`,
  ...(format ? [`        payloadFormatVersion: '${format}'`] : []),
];

const swagger = (operationSecurity: string[]) => [
  "swagger: '2.0'",
  'info: { title: t }',
  'securityDefinitions:',
  '  Token:',
  '    type: apiKey',
  '    name: X-Token',
  '    in: header',
  '    x-amazon-apigateway-authtype: custom',
  '    x-amazon-apigateway-authorizer:',
  '      type: token',
  `      authorizerUri: ${uri('AuthFn')}`,
  '      authorizerResultTtlInSeconds: 60',
  '  Sigv4: { type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authtype: awsSigv4 }',
  '  api_key: { type: apiKey, name: x-api-key, in: header }',
  'paths:',
  '  /x:',
  '    get:',
  ...operationSecurity.map((line) => `      ${line}`),
  ...integration(),
];

function routing(text: string) {
  const result = generateText(text, FILES);
  expect(result.errors).toEqual([]);
  return { result, file: load(result.output?.files['routing.yml'] ?? '') as RoutingFile };
}

describe('generate: OpenAPI security of API definitions', () => {
  it.each<[string, string[], object | undefined]>([
    [
      'an x-amazon-apigateway-authorizer scheme',
      ['security: [{ Token: [] }]'],
      { authorizer: 'Api.Token' },
    ],
    [
      'an authorizer and the x-api-key scheme',
      ['security: [{ Token: [] }, { api_key: [] }]'],
      { authorizer: 'Api.Token', apiKeyRequired: true },
    ],
    ['the x-api-key scheme alone', ['security: [{ api_key: [] }]'], { apiKeyRequired: true }],
    ['no security', [], undefined],
  ])('REST %s', (_case, security, auth) => {
    const { file } = routing(template('AWS::Serverless::Api', swagger(security)));
    expect(file.routes[0].auth).toEqual(auth);
    if (auth && 'authorizer' in auth) {
      expect(file.authorizers?.['Api.Token']).toEqual({
        type: 'lambda',
        api: 'rest',
        function: 'AuthFn',
        payloadType: 'TOKEN',
        // A token scheme's header is the scheme's `name`.
        identitySource: ['method.request.header.X-Token'],
        ttlSeconds: 60,
      });
    }
  });

  it("the API's own Auth.Authorizers of the same name win, as in SAM", () => {
    const { file } = routing(
      template('AWS::Serverless::Api', swagger(['security: [{ Token: [] }]']), [
        'Auth:',
        '  Authorizers:',
        '    Token: { FunctionArn: !GetAtt AuthFn.Arn, Identity: { Header: Other } }',
      ]),
    );
    expect(file.authorizers?.['Api.Token']).toMatchObject({
      identitySource: ['method.request.header.Other'],
    });
  });

  it('awsSigv4 is AWS_IAM: said once, the route keeps the Gateway login', () => {
    const { result, file } = routing(
      template('AWS::Serverless::Api', swagger(['security: [{ Sigv4: [] }]'])),
    );
    expect(file.routes[0].auth).toEqual({ authorizer: 'Api.AWS_IAM' });
    expect((result.ignored ?? []).map((item) => item.message)).toContainEqual(
      expect.stringMatching(/^AWS_IAM authorization of GET \/x: not supported/),
    );
  });

  it('HTTP API (OpenAPI 3): a JWT authorizer with scopes from the security requirement', () => {
    const { file } = routing(
      template('AWS::Serverless::HttpApi', [
        'openapi: 3.0.1',
        'info: { title: t }',
        'components:',
        '  securitySchemes:',
        '    Jwt:',
        '      type: oauth2',
        '      x-amazon-apigateway-authorizer:',
        '        type: jwt',
        '        identitySource: $request.header.Authorization',
        '        jwtConfiguration:',
        '          issuer: https://issuer.example.com',
        '          audience: [client-1]',
        'paths:',
        '  /items:',
        '    get:',
        '      security: [{ Jwt: [items/read] }]',
        ...integration('2.0'),
      ]),
    );
    expect(file.routes[0].auth).toEqual({ authorizer: 'Api.Jwt', scopes: ['items/read'] });
    expect(file.authorizers?.['Api.Jwt']).toEqual({
      type: 'jwt',
      api: 'http',
      issuers: ['https://issuer.example.com'],
      audience: ['client-1'],
      identitySource: ['$request.header.Authorization'],
    });
  });

  it('a broken authorizer in the definition is an error with its line', () => {
    const body = swagger(['security: [{ Token: [] }]']).map((line) =>
      line.includes('type: token') ? '      type: magic' : line,
    );
    const result = generateText(template('AWS::Serverless::Api', body), FILES);
    expect(result.errors.map((error) => [error.message, error.line])).toEqual([
      ['authorizer Token: Type must be TOKEN, REQUEST or COGNITO_USER_POOLS', 11],
    ]);
  });
});
