import { load } from 'js-yaml';
import type { RoutingFile } from '@app/contracts';
import { generateText } from './support';

const FILES = ['src/index.js'];
const FUNCTIONS = ['App', 'Auth'].flatMap((name) => [
  `  ${name}:`,
  '    Type: AWS::Serverless::Function',
  '    Properties: { CodeUri: src, Handler: index.handler, Runtime: nodejs20.x }',
]);
const uri = (fn: string) =>
  `!Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${fn}.Arn}/invocations`;

/** A raw REST API with one GET / method (given extra lines) and the given authorizer lines. */
function restApi(method: string[], authorizer: string[] = [], api: string[] = []): string {
  return [
    'Resources:',
    '  Api:',
    '    Type: AWS::ApiGateway::RestApi',
    '    Properties:',
    '      Name: raw',
    ...api.map((line) => `      ${line}`),
    '  Get:',
    '    Type: AWS::ApiGateway::Method',
    '    Properties:',
    '      RestApiId: !Ref Api',
    '      ResourceId: !GetAtt Api.RootResourceId',
    '      HttpMethod: GET',
    '      Integration:',
    '        Type: AWS_PROXY',
    '        IntegrationHttpMethod: POST',
    `        Uri: ${uri('App')}`,
    ...method.map((line) => `      ${line}`),
    ...(authorizer.length > 0
      ? [
          '  Authorizer:',
          '    Type: AWS::ApiGateway::Authorizer',
          '    Properties:',
          '      RestApiId: !Ref Api',
          ...authorizer.map((line) => `      ${line}`),
        ]
      : []),
    ...FUNCTIONS,
  ].join('\n');
}

/** A raw HTTP API with one GET /items route (given extra lines) and the given authorizer lines. */
function httpApi(route: string[], authorizer: string[]): string {
  return [
    'Resources:',
    '  Api:',
    '    Type: AWS::ApiGatewayV2::Api',
    '    Properties: { Name: raw, ProtocolType: HTTP }',
    '  Integration:',
    '    Type: AWS::ApiGatewayV2::Integration',
    '    Properties:',
    '      ApiId: !Ref Api',
    '      IntegrationType: AWS_PROXY',
    `      IntegrationUri: ${uri('App')}`,
    "      PayloadFormatVersion: '2.0'",
    '  Route:',
    '    Type: AWS::ApiGatewayV2::Route',
    '    Properties:',
    '      ApiId: !Ref Api',
    "      RouteKey: 'GET /items'",
    '      Target: !Sub integrations/${Integration}',
    ...route.map((line) => `      ${line}`),
    '  Authorizer:',
    '    Type: AWS::ApiGatewayV2::Authorizer',
    '    Properties:',
    '      ApiId: !Ref Api',
    ...authorizer.map((line) => `      ${line}`),
    ...FUNCTIONS,
  ].join('\n');
}

function generated(template: string) {
  const result = generateText(template, FILES);
  const routing = load(result.output?.files['routing.yml'] ?? 'routes: []') as RoutingFile;
  return { result, routing, route: routing.routes[0] };
}

describe('generate: raw CloudFormation authorizers (AWS::ApiGateway::Authorizer / V2)', () => {
  it.each<[string, string[], string[], object, object | undefined]>([
    [
      'a TOKEN authorizer (CUSTOM)',
      ['AuthorizationType: CUSTOM', 'AuthorizerId: !Ref Authorizer'],
      [
        'Type: TOKEN',
        'IdentitySource: method.request.header.authorizationToken',
        "IdentityValidationExpression: '^Bearer .+$'",
        'AuthorizerResultTtlInSeconds: 60',
        `AuthorizerUri: ${uri('Auth')}`,
      ],
      { authorizer: 'Api.Authorizer' },
      {
        type: 'lambda',
        api: 'rest',
        function: 'Auth',
        payloadType: 'TOKEN',
        identitySource: ['method.request.header.authorizationToken'],
        validationExpression: '^Bearer .+$',
        ttlSeconds: 60,
      },
    ],
    [
      'a REQUEST authorizer with comma-separated identity sources, default TTL',
      ['AuthorizationType: CUSTOM', 'AuthorizerId: !Ref Authorizer', 'ApiKeyRequired: true'],
      [
        'Type: REQUEST',
        "IdentitySource: 'method.request.header.x-user, method.request.querystring.tenant'",
        `AuthorizerUri: ${uri('Auth')}`,
      ],
      { authorizer: 'Api.Authorizer', apiKeyRequired: true },
      {
        type: 'lambda',
        api: 'rest',
        function: 'Auth',
        payloadType: 'REQUEST',
        identitySource: ['method.request.header.x-user', 'method.request.querystring.tenant'],
        ttlSeconds: 300,
      },
    ],
    [
      'a Cognito user pool authorizer with scopes',
      [
        'AuthorizationType: COGNITO_USER_POOLS',
        'AuthorizerId: !Ref Authorizer',
        'AuthorizationScopes: [orders/read]',
      ],
      [
        'Type: COGNITO_USER_POOLS',
        'IdentitySource: method.request.header.Authorization',
        'ProviderARNs: [arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Pool1]',
      ],
      { authorizer: 'Api.Authorizer', scopes: ['orders/read'] },
      {
        type: 'jwt',
        api: 'rest',
        issuers: ['https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Pool1'],
        audience: [],
        identitySource: ['method.request.header.Authorization'],
      },
    ],
    [
      'ApiKeyRequired alone',
      ['AuthorizationType: NONE', 'ApiKeyRequired: true'],
      [],
      { apiKeyRequired: true },
      undefined,
    ],
  ])('REST %s', (_case, method, authorizer, auth, definition) => {
    const { result, route, routing } = generated(restApi(method, authorizer));
    expect(result.errors).toEqual([]);
    expect(route.auth).toEqual(auth);
    expect(routing.authorizers?.['Api.Authorizer']).toEqual(definition);
    // An authorizer resource is read, not listed as something onpre-lambda does not create.
    expect((result.ignored ?? []).map((item) => item.logicalId)).not.toContain('Authorizer');
  });

  it("REST ApiKeySourceType AUTHORIZER on the RestApi reaches the method's route", () => {
    const { route } = generated(
      restApi(
        ['AuthorizationType: CUSTOM', 'AuthorizerId: !Ref Authorizer', 'ApiKeyRequired: true'],
        [
          'Type: TOKEN',
          'IdentitySource: method.request.header.Authorization',
          `AuthorizerUri: ${uri('Auth')}`,
        ],
        ['ApiKeySourceType: AUTHORIZER'],
      ),
    );
    expect(route.auth).toEqual({
      authorizer: 'Api.Authorizer',
      apiKeyRequired: true,
      apiKeySource: 'AUTHORIZER',
    });
  });

  it.each<[string, string[], object, object]>([
    [
      'a JWT authorizer',
      [
        'AuthorizerType: JWT',
        'IdentitySource: [$request.header.Authorization]',
        'JwtConfiguration: { Issuer: https://issuer.example.com, Audience: [client-1] }',
      ],
      { authorizer: 'Api.Authorizer', scopes: ['read'] },
      {
        type: 'jwt',
        api: 'http',
        issuers: ['https://issuer.example.com'],
        audience: ['client-1'],
        identitySource: ['$request.header.Authorization'],
      },
    ],
    [
      'a Lambda REQUEST authorizer with simple responses',
      [
        'AuthorizerType: REQUEST',
        "AuthorizerPayloadFormatVersion: '2.0'",
        'EnableSimpleResponses: true',
        'IdentitySource: [$request.header.x-token]',
        'AuthorizerResultTtlInSeconds: 5',
        `AuthorizerUri: ${uri('Auth')}`,
      ],
      { authorizer: 'Api.Authorizer' },
      {
        type: 'lambda',
        api: 'http',
        function: 'Auth',
        payloadType: 'REQUEST',
        payloadFormat: '2.0',
        simpleResponses: true,
        identitySource: ['$request.header.x-token'],
        ttlSeconds: 5,
      },
    ],
  ])('HTTP API %s', (_case, authorizer, auth, definition) => {
    const type = authorizer[0].endsWith('JWT') ? 'JWT' : 'CUSTOM';
    const { result, route, routing } = generated(
      httpApi(
        [
          `AuthorizationType: ${type}`,
          'AuthorizerId: !Ref Authorizer',
          'AuthorizationScopes: [read]',
        ],
        authorizer,
      ),
    );
    expect(result.errors).toEqual([]);
    expect(route.auth).toEqual(auth);
    expect(routing.authorizers?.['Api.Authorizer']).toEqual(definition);
  });

  it('AWS_IAM on a method is said once, and the route keeps the Gateway login', () => {
    const { result, route } = generated(restApi(['AuthorizationType: AWS_IAM']));
    expect(route.auth).toEqual({ authorizer: 'Api.AWS_IAM' });
    const iam = (result.ignored ?? []).filter((item) => item.message.includes('AWS_IAM'));
    expect(iam.map((item) => item.message.split(':')[0])).toEqual([
      'AWS_IAM authorization of GET /',
    ]);
  });

  it('an authorizer function outside the template is listed; its route keeps the Gateway login', () => {
    const { result, routing } = generated(
      restApi(
        ['AuthorizationType: CUSTOM', 'AuthorizerId: !Ref Authorizer'],
        [
          'Type: TOKEN',
          'IdentitySource: method.request.header.Authorization',
          'AuthorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:shared/invocations',
        ],
      ),
    );
    expect(routing.authorizers?.['Api.Authorizer']).toMatchObject({ type: 'unsupported' });
    expect((result.ignored ?? []).map((item) => item.message)).toContainEqual(
      expect.stringContaining("authorizer Authorizer (function 'shared')"),
    );
  });

  it.each<[string, string, string[], string[], string]>([
    [
      'an unknown AuthorizationType',
      'rest',
      ['AuthorizationType: MAGIC'],
      [],
      'AuthorizationType must be NONE, AWS_IAM, CUSTOM or COGNITO_USER_POOLS',
    ],
    [
      'CUSTOM without AuthorizerId',
      'rest',
      ['AuthorizationType: CUSTOM'],
      [],
      'AuthorizationType CUSTOM needs AuthorizerId',
    ],
    [
      'an AuthorizerId that is no authorizer of the API',
      'rest',
      ['AuthorizationType: CUSTOM', 'AuthorizerId: Nope'],
      ['Type: TOKEN', 'IdentitySource: method.request.header.A', `AuthorizerUri: ${uri('Auth')}`],
      "authorizer 'Nope' is not defined in Api's AWS::ApiGateway::Authorizer resources",
    ],
    [
      'a bad authorizer Type',
      'rest',
      ['AuthorizationType: CUSTOM', 'AuthorizerId: !Ref Authorizer'],
      ['Type: JWT'],
      'authorizer Authorizer: Type must be TOKEN, REQUEST or COGNITO_USER_POOLS',
    ],
    [
      'a TOKEN authorizer without IdentitySource',
      'rest',
      ['AuthorizationType: CUSTOM', 'AuthorizerId: !Ref Authorizer'],
      ['Type: TOKEN', `AuthorizerUri: ${uri('Auth')}`],
      'authorizer Authorizer: IdentitySource is required',
    ],
    [
      'a TTL over an hour',
      'rest',
      ['AuthorizationType: CUSTOM', 'AuthorizerId: !Ref Authorizer'],
      [
        'Type: TOKEN',
        'IdentitySource: method.request.header.A',
        'AuthorizerResultTtlInSeconds: 7200',
        `AuthorizerUri: ${uri('Auth')}`,
      ],
      'AuthorizerResultTtlInSeconds must be an integer from 0 to 3600',
    ],
    [
      'an HTTP API Lambda authorizer without a payload format',
      'http',
      ['AuthorizationType: CUSTOM', 'AuthorizerId: !Ref Authorizer'],
      ['AuthorizerType: REQUEST', `AuthorizerUri: ${uri('Auth')}`],
      "authorizer Authorizer: AuthorizerPayloadFormatVersion must be '1.0' or '2.0'",
    ],
    [
      'a JWT authorizer without an issuer',
      'http',
      ['AuthorizationType: JWT', 'AuthorizerId: !Ref Authorizer'],
      ['AuthorizerType: JWT', 'JwtConfiguration: { Audience: [a] }'],
      'a JWT authorizer needs JwtConfiguration.Issuer',
    ],
  ])('%s is an error with its line', (_case, kind, route, authorizer, message) => {
    const { result } = generated(
      kind === 'rest' ? restApi(route, authorizer) : httpApi(route, authorizer),
    );
    expect(result.errors.map((error) => error.message)).toEqual([message]);
    expect(result.errors[0].line).toBeGreaterThan(1);
  });
});
