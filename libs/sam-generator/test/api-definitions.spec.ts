import { formatDiagnostic } from '@app/sam-generator';
import { generateText, memoryFiles } from './support';

const FUNCTION = [
  'Transform: AWS::Serverless-2016-10-31',
  'Resources:',
  '  Fn:',
  '    Type: AWS::Serverless::Function',
  '    Properties:',
  '      CodeUri: src',
  '      Handler: index.handler',
  '      Runtime: nodejs20.x',
].join('\n');
const LAMBDA_URI =
  "uri: !Sub 'arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations'";

function template(...lines: string[]): string {
  return `${FUNCTION}\n${lines.map((line) => `  ${line}`).join('\n')}\n`;
}

function generateWith(text: string, texts: Record<string, string>) {
  return generateText(text, [], { files: memoryFiles(['src/index.js'], texts) });
}

const routesOf = (result: ReturnType<typeof generateWith>) =>
  (result.output?.functions ?? [])
    .flatMap((fn) => fn.routes)
    .map((route) => `${route.method} ${route.path} ${route.function} ${route.payloadFormat}`)
    .sort();

const OPENAPI3_BODY = [
  'Api:',
  '  Type: AWS::Serverless::Api',
  '  Properties:',
  '    StageName: prod',
  '    DefinitionBody:',
  "      openapi: '3.0.1'",
  '      paths:',
  '        /items/{id}:',
  '          get:',
  '            x-amazon-apigateway-integration:',
  '              type: aws_proxy',
  '              httpMethod: POST',
  `              ${LAMBDA_URI}`,
  '        /{proxy+}:',
  '          x-amazon-apigateway-any-method:',
  '            x-amazon-apigateway-integration:',
  '              type: AWS_PROXY',
  '              httpMethod: POST',
  `              ${LAMBDA_URI}`,
];

describe('generate: routes of API definitions', () => {
  it.each([
    [
      'OpenAPI 3 DefinitionBody with intrinsics (REST, 1.0)',
      template(...OPENAPI3_BODY),
      {},
      ['ANY /{proxy+} Fn 1.0', 'GET /items/{id} Fn 1.0'],
    ],
    [
      'Swagger 2 HttpApi body: payloadFormatVersion and $default',
      template(
        'Http:',
        '  Type: AWS::Serverless::HttpApi',
        '  Properties:',
        '    DefinitionBody:',
        "      swagger: '2.0'",
        '      paths:',
        '        /orders:',
        '          post:',
        '            x-amazon-apigateway-integration:',
        '              type: aws_proxy',
        '              uri: !GetAtt Fn.Arn',
        "              payloadFormatVersion: '2.0'",
        '        $default:',
        '          x-amazon-apigateway-any-method:',
        '            x-amazon-apigateway-integration:',
        '              type: aws_proxy',
        '              uri: !GetAtt Fn.Arn',
      ),
      {},
      ['ANY / Fn 1.0', 'ANY /{proxy+} Fn 1.0', 'POST /orders Fn 2.0'],
    ],
    [
      'local DefinitionUri (used as is)',
      template(
        'Api:',
        '  Type: AWS::Serverless::Api',
        '  Properties:',
        '    StageName: v1',
        '    DefinitionUri: api/openapi.yaml',
      ),
      {
        'api/openapi.yaml': [
          "openapi: '3.0.0'",
          'paths:',
          '  /hello:',
          '    get:',
          '      x-amazon-apigateway-integration:',
          '        type: aws_proxy',
          '        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:Fn/invocations',
        ].join('\n'),
      },
      ['GET /hello Fn 1.0'],
    ],
    [
      'Fn::Transform AWS::Include of a local file, intrinsics resolved',
      template(
        'Api:',
        '  Type: AWS::Serverless::Api',
        '  Properties:',
        '    StageName: v1',
        '    DefinitionBody:',
        "      'Fn::Transform':",
        '        Name: AWS::Include',
        '        Parameters:',
        '          Location: ./openapi.yaml',
      ),
      {
        'openapi.yaml': [
          "openapi: '3.0.0'",
          'paths:',
          '  /included:',
          '    put:',
          '      x-amazon-apigateway-integration:',
          '        type: aws_proxy',
          `        ${LAMBDA_URI}`,
        ].join('\n'),
      },
      ['PUT /included Fn 1.0'],
    ],
    [
      'raw AWS::ApiGateway resource tree: root, nested, ANY {proxy+}',
      template(
        'Rest:',
        '  Type: AWS::ApiGateway::RestApi',
        '  Properties: { Name: rest }',
        'Users:',
        '  Type: AWS::ApiGateway::Resource',
        '  Properties: { RestApiId: !Ref Rest, ParentId: !GetAtt Rest.RootResourceId, PathPart: users }',
        'UserId:',
        '  Type: AWS::ApiGateway::Resource',
        "  Properties: { RestApiId: !Ref Rest, ParentId: !Ref Users, PathPart: '{id}' }",
        'Proxy:',
        '  Type: AWS::ApiGateway::Resource',
        "  Properties: { RestApiId: !Ref Rest, ParentId: !Ref Users, PathPart: '{proxy+}' }",
        ...[
          ['RootGet', 'GET', '!GetAtt Rest.RootResourceId'],
          ['UserGet', 'get', '!Ref UserId'],
          ['ProxyAny', 'ANY', '!Ref Proxy'],
        ].flatMap(([id, method, resource]) => [
          `${id}:`,
          '  Type: AWS::ApiGateway::Method',
          '  Properties:',
          '    RestApiId: !Ref Rest',
          `    ResourceId: ${resource}`,
          `    HttpMethod: ${method}`,
          '    AuthorizationType: NONE',
          '    Integration:',
          '      Type: AWS_PROXY',
          '      IntegrationHttpMethod: POST',
          `      Uri: !Sub 'arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Fn.Arn}/invocations'`,
        ]),
      ),
      {},
      ['ANY /users/{proxy+} Fn 1.0', 'GET / Fn 1.0', 'GET /users/{id} Fn 1.0'],
    ],
    [
      'raw AWS::ApiGatewayV2 routes and integrations: ANY /{proxy+} and $default',
      template(
        'Http:',
        '  Type: AWS::ApiGatewayV2::Api',
        '  Properties: { Name: http, ProtocolType: HTTP }',
        'Integration:',
        '  Type: AWS::ApiGatewayV2::Integration',
        '  Properties:',
        '    ApiId: !Ref Http',
        '    IntegrationType: AWS_PROXY',
        '    IntegrationUri: !GetAtt Fn.Arn',
        "    PayloadFormatVersion: '2.0'",
        'ProxyRoute:',
        '  Type: AWS::ApiGatewayV2::Route',
        "  Properties: { ApiId: !Ref Http, RouteKey: 'ANY /api/{proxy+}', Target: !Join ['/', [integrations, !Ref Integration]] }",
        'DefaultRoute:',
        '  Type: AWS::ApiGatewayV2::Route',
        "  Properties: { ApiId: !Ref Http, RouteKey: $default, Target: !Sub 'integrations/${Integration}' }",
      ),
      {},
      ['ANY / Fn 2.0', 'ANY /api/{proxy+} Fn 2.0', 'ANY /{proxy+} Fn 2.0'],
    ],
    [
      'HTTP API quick create (Target on the Api)',
      template(
        'Quick:',
        '  Type: AWS::ApiGatewayV2::Api',
        '  Properties: { Name: q, ProtocolType: HTTP, Target: !GetAtt Fn.Arn }',
      ),
      {},
      ['ANY / Fn 2.0', 'ANY /{proxy+} Fn 2.0'],
    ],
  ])('%s', (_name, text, texts, expected) => {
    const result = generateWith(text, texts);
    expect(result.errors.map(formatDiagnostic)).toEqual([]);
    expect(result.warnings.map(formatDiagnostic)).toEqual([]);
    expect(routesOf(result)).toEqual(expected);
    expect(result.output?.files['routing.yml']).toContain('function: Fn');
  });

  it('merges a definition route with the same route of a function event (SAM merges them)', () => {
    const text = `${FUNCTION}\n      Events:\n        Get:\n          Type: Api\n          Properties: { RestApiId: !Ref Api, Path: '/items/{id}', Method: get }\n${OPENAPI3_BODY.map((line) => `  ${line}`).join('\n')}\n`;
    const result = generateWith(text, {});
    expect(result.errors).toEqual([]);
    expect(routesOf(result)).toEqual(['ANY /{proxy+} Fn 1.0', 'GET /items/{id} Fn 1.0']);
  });

  it('warns, naming the path, about integrations it does not serve', () => {
    const body = OPENAPI3_BODY.join('\n').replace('type: aws_proxy', 'type: mock');
    const result = generateWith(template(...body.split('\n')), {});
    expect(result.errors).toEqual([]);
    expect(result.warnings.map(formatDiagnostic)).toEqual([
      'template.yaml:18: Api: GET /items/{id}: mock integration is not supported (only aws_proxy to a function of this template); the route is not served',
    ]);
    expect(routesOf(result)).toEqual(['ANY /{proxy+} Fn 1.0']);
  });

  it.each([
    [
      'not an OpenAPI document',
      template(
        'Api:',
        '  Type: AWS::Serverless::Api',
        '  Properties:',
        '    DefinitionBody:',
        '      info: {}',
      ),
      {},
      "template.yaml:12: Api: not a valid OpenAPI document: needs swagger: '2.0' or openapi: '3.x' (found null)",
    ],
    [
      'an integration whose function the template does not define',
      template(...OPENAPI3_BODY).replace(
        '${Fn.Arn}/invocations',
        'arn:aws:lambda:us-east-1:1:function:Other/invocations',
      ),
      {},
      "template.yaml:18: Api: GET /items/{id}: integration refers to function 'Other', which this template does not define",
    ],
    [
      'an invalid OpenAPI file names that file and line',
      template(
        'Api:',
        '  Type: AWS::Serverless::Api',
        '  Properties:',
        '    DefinitionUri: api.yaml',
      ),
      { 'api.yaml': "openapi: '3.0.0'\npaths:\n  items:\n    get: {}\n" },
      "api.yaml:3: Api: not a valid OpenAPI document: path 'items' must start with '/'",
    ],
    [
      'a DefinitionUri that is not a file',
      template(
        'Api:',
        '  Type: AWS::Serverless::Api',
        '  Properties:',
        '    DefinitionUri: missing.yaml',
      ),
      {},
      "template.yaml:12: Api: DefinitionUri 'missing.yaml' is not a file",
    ],
  ])('error: %s', (_name, text, texts, message) => {
    const result = generateWith(text, texts);
    expect(result.errors.map(formatDiagnostic)).toEqual([message]);
    expect(result.output).toBeUndefined();
  });

  it('error: two definitions of one route for different functions', () => {
    const second = `${FUNCTION.split('\n').slice(2).join('\n').replace(/Fn:/, 'Other:')}`;
    const text = `${template(...OPENAPI3_BODY)}${second}\n      Events:\n        Get:\n          Type: Api\n          Properties: { Path: '/items/{id}', Method: GET }\n`;
    const result = generateWith(text, {});
    expect(result.errors.map(formatDiagnostic)).toEqual([
      expect.stringContaining('duplicate route GET /items/{id}'),
    ]);
  });
});
