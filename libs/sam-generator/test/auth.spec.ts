import { load } from 'js-yaml';
import type { RoutingFile } from '@app/contracts';
import { generateFixture, generateText } from './support';

describe('generate: authorizers, API keys, usage plans and throttles', () => {
  const result = generateFixture('auth', ['src/index.js']);
  const routing = load(result.output?.files['routing.yml'] ?? '') as RoutingFile;
  const routeOf = (method: string, path: string) =>
    routing.routes.find((route) => route.method === method && route.path === path);

  it('generates without errors', () => {
    expect(result.errors).toEqual([]);
  });

  it.each([
    ['GET', '/orders', { authorizer: 'RestApi.TokenAuth' }],
    ['POST', '/orders', { authorizer: 'RestApi.RequestAuth', apiKeyRequired: true }],
    ['GET', '/orders/{id}', { authorizer: 'RestApi.PoolAuth', scopes: ['orders/read'] }],
    ['DELETE', '/orders/{id}', { authorizer: 'RestApi.PoolAuth', scopes: ['orders/admin'] }],
    ['GET', '/health', undefined],
    ['GET', '/reports', { authorizer: 'RestApi.ExternalAuth' }],
    ['GET', '/admin', { authorizer: 'RestApi.AWS_IAM' }],
    ['GET', '/items', { authorizer: 'HttpApi.Jwt', scopes: ['read'] }],
    ['POST', '/items', { authorizer: 'HttpApi.Simple' }],
    ['GET', '/implicit', undefined],
  ])('%s %s → auth %j', (method, path, auth) => {
    expect(routeOf(method, path)?.auth).toEqual(auth);
  });

  it("names every route's API (usage plans, stages and CORS need it)", () => {
    expect(routeOf('POST', '/orders')?.api).toBe('RestApi');
    expect(routeOf('GET', '/orders')?.api).toBe('RestApi');
  });

  it.each([
    ['GET', '/orders', { rateLimit: 50, burstLimit: 100 }],
    ['GET', '/reports', { rateLimit: 1, burstLimit: 5000 }],
    ['GET', '/items', { rateLimit: 10, burstLimit: 20 }],
    ['GET', '/implicit', undefined],
  ])('%s %s → throttle %j', (method, path, throttle) => {
    expect(routeOf(method, path)?.throttle).toEqual(throttle);
  });

  it('renders each used authorizer the way API Gateway configures it', () => {
    expect(routing.authorizers).toEqual({
      'RestApi.TokenAuth': {
        type: 'lambda',
        api: 'rest',
        function: 'auth-fn',
        payloadType: 'TOKEN',
        identitySource: ['method.request.header.X-Token'],
        validationExpression: '^Bearer [-0-9a-zA-Z._]+$',
        ttlSeconds: 60,
      },
      'RestApi.RequestAuth': {
        type: 'lambda',
        api: 'rest',
        function: 'auth-fn',
        payloadType: 'REQUEST',
        identitySource: [
          'method.request.header.Authorization',
          'method.request.querystring.tenant',
          'stageVariables.env',
          'context.sourceIp',
        ],
        ttlSeconds: 0,
      },
      'RestApi.PoolAuth': {
        type: 'jwt',
        api: 'rest',
        issuers: ['https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC'],
        audience: [],
        identitySource: ['method.request.header.Authorization'],
      },
      'RestApi.ExternalAuth': {
        type: 'unsupported',
        reason: 'authorizer function outside the template',
      },
      'RestApi.AWS_IAM': { type: 'unsupported', reason: 'AWS_IAM authorization' },
      'HttpApi.Jwt': {
        type: 'jwt',
        api: 'http',
        issuers: ['http://127.0.0.1:9000/realm'],
        audience: ['my-app'],
        identitySource: ['$request.header.Authorization'],
      },
      'HttpApi.Simple': {
        type: 'lambda',
        api: 'http',
        function: 'auth-fn',
        payloadType: 'REQUEST',
        payloadFormat: '2.0',
        simpleResponses: true,
        identitySource: ['$request.header.Authorization'],
        ttlSeconds: 300,
      },
    });
  });

  it('renders keys (template value, or one from the environment) and the plan', () => {
    expect(routing.apiKeys).toEqual([
      { id: 'GeneratedKey', value: '${API_KEY_GENERATEDKEY}', enabled: true },
      { id: 'PartnerApiKey', value: 'partner-key-value-0123456789', enabled: true },
    ]);
    expect(routing.usagePlans).toEqual([
      {
        id: 'PartnerPlan',
        apis: ['RestApi'],
        apiKeys: ['PartnerApiKey', 'GeneratedKey'],
        throttle: { rateLimit: 5, burstLimit: 2 },
        quota: { limit: 1000, period: 'MONTH' },
      },
    ]);
  });

  it('lists each form it cannot run in the summary, with its line', () => {
    const listed = (result.ignored ?? []).filter((item) => /authori/i.test(item.message));
    expect(listed.map((item) => [item.logicalId, item.message])).toEqual([
      [
        'RestApi',
        "authorizer ExternalAuth (function 'arn:aws:lambda:us-east-1:999999999999:function:shared-authorizer'): the function is not in this template, so it cannot run here; its routes need the Gateway's own login",
      ],
      [
        'Orders',
        "AWS_IAM authorization of GET /admin: not supported: there is no IAM to check SigV4 callers against; the Gateway's own login guards these routes instead (with BUILTIN_LOGIN=false they answer 500, never open)",
      ],
    ]);
    expect(listed.every((item) => item.line !== undefined)).toBe(true);
  });
});

describe('generate: auth errors and SAM usage plans', () => {
  const api = (auth: string[], event: string[] = [], extra: string[] = []) =>
    [
      'Resources:',
      '  Api:',
      '    Type: AWS::Serverless::Api',
      '    Properties:',
      '      StageName: prod',
      '      Auth:',
      ...auth.map((line) => `        ${line}`),
      '  Fn:',
      '    Type: AWS::Serverless::Function',
      '    Properties: { CodeUri: src, Handler: index.handler, Runtime: nodejs20.x }',
      '  Fn2:',
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
      ...event.map((line) => `            ${line}`),
      ...extra,
    ].join('\n');

  it.each([
    [
      'an unknown event authorizer',
      api(['Authorizers: { A: { FunctionArn: !GetAtt Fn.Arn } }'], ['Auth: { Authorizer: B }']),
      "authorizer 'B' is not defined in Api's Auth.Authorizers",
    ],
    [
      'an unknown default authorizer',
      api(['DefaultAuthorizer: B', 'Authorizers: { A: { FunctionArn: !GetAtt Fn.Arn } }']),
      "authorizer 'B' is not defined in Api's Auth.Authorizers",
    ],
    [
      'a bad payload type',
      api([
        'DefaultAuthorizer: A',
        'Authorizers: { A: { FunctionArn: !GetAtt Fn.Arn, FunctionPayloadType: JWT } }',
      ]),
      'authorizer A: FunctionPayloadType must be TOKEN or REQUEST',
    ],
    [
      'a REQUEST authorizer without identity that caches',
      api([
        'DefaultAuthorizer: A',
        'Authorizers: { A: { FunctionArn: !GetAtt Fn.Arn, FunctionPayloadType: REQUEST } }',
      ]),
      'authorizer A must specify Identity with at least one of Headers, QueryStrings, StageVariables or Context (or ReauthorizeEvery: 0)',
    ],
    [
      'a TTL over an hour',
      api([
        'DefaultAuthorizer: A',
        'Authorizers: { A: { FunctionArn: !GetAtt Fn.Arn, Identity: { ReauthorizeEvery: 7200 } } }',
      ]),
      'authorizer A: ReauthorizeEvery must be an integer from 0 to 3600',
    ],
    [
      'an unknown CreateUsagePlan',
      api(['ApiKeyRequired: true', 'UsagePlan: { CreateUsagePlan: SINGLE }']),
      'CreateUsagePlan must be PER_API, SHARED or NONE',
    ],
  ])('%s is an error with its line', (_case, template, message) => {
    const generated = generateText(template, ['src/index.js']);
    expect(generated.errors.map((error) => error.message)).toEqual([message]);
    expect(generated.errors[0].line).toBeGreaterThan(1);
  });

  it('creates the per-API plan and key SAM would, the key read from the environment', () => {
    const generated = generateText(
      api([
        'ApiKeyRequired: true',
        'UsagePlan:',
        '  CreateUsagePlan: PER_API',
        '  Quota: { Limit: 3, Period: DAY }',
        '  Throttle: { RateLimit: 10, BurstLimit: 10 }',
      ]),
      ['src/index.js'],
    );
    const routing = load(generated.output?.files['routing.yml'] ?? '') as RoutingFile;
    expect(routing.routes[0]).toMatchObject({ api: 'Api', auth: { apiKeyRequired: true } });
    expect(routing.apiKeys).toEqual([
      { id: 'ApiApiKey', value: '${API_KEY_APIAPIKEY}', enabled: true },
    ]);
    expect(routing.usagePlans).toEqual([
      {
        id: 'ApiUsagePlan',
        apis: ['Api'],
        apiKeys: ['ApiApiKey'],
        throttle: { rateLimit: 10, burstLimit: 10 },
        quota: { limit: 3, period: 'DAY' },
      },
    ]);
  });

  it('lists Auth keys it does not act on in the summary', () => {
    const generated = generateText(api(['ResourcePolicy: { IpRangeBlacklist: [1.2.3.4] }']), [
      'src/index.js',
    ]);
    expect((generated.ignored ?? []).map((item) => item.message)).toContain(
      'Auth.ResourcePolicy: not enforced here (no IAM or resource policies on-prem)',
    );
  });
});
