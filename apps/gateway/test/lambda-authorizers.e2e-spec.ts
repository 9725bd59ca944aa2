import { Logger } from '@nestjs/common';
import type { RoutingFile } from '@app/contracts';
import { FakeContainer, type FakeAnswer } from './support/fake-container';
import { FakeManager } from './support/fake-manager';
import { loginHeader, startGateway, TEST_SECRETS, type TestGateway } from './support/gateway-app';
import { writeSecuredRoutingFile } from './support/secured-routing';

const allow = (principalId: string, resource = '*', context: object = {}): FakeAnswer => ({
  result: {
    principalId,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: resource }],
    },
    context,
  },
});
const deny: FakeAnswer = {
  result: {
    principalId: 'x',
    policyDocument: {
      Statement: [{ Effect: 'Deny', Action: 'execute-api:Invoke', Resource: '*' }],
    },
  },
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const unauthorized: FakeAnswer = {
  headers: { 'X-Amz-Function-Error': 'Unhandled' },
  result: { errorType: 'Error', errorMessage: 'Unauthorized' },
};

/** The TOKEN authorizer: what it answers depends on the token, as a real one's would. */
function tokenAuthorizer(event: Record<string, unknown>): FakeAnswer {
  const token = String(event.authorizationToken);
  if (token === 'Bearer allow') return allow('user-1', '*', { user: 'u1', n: 7, ok: true });
  if (token === 'Bearer narrow') {
    return allow('user-2', 'arn:aws:execute-api:*:*:*/prod/GET/token/only');
  }
  if (token === 'Bearer deny') return deny;
  if (token === 'Bearer nested') return allow('u', '*', { nested: { a: 1 } });
  if (token === 'Bearer nopolicy') return { result: { principalId: 'u' } };
  if (token === 'Bearer throws') {
    return {
      headers: { 'X-Amz-Function-Error': 'Unhandled' },
      result: { errorType: 'TypeError', errorMessage: 'secret-internal-detail' },
    };
  }
  return unauthorized;
}

function simpleAuthorizer(event: Record<string, unknown>): FakeAnswer {
  const token = (event.identitySource as string[])[0];
  if (token === 'yes') return { result: { isAuthorized: true, context: { tenant: { id: 3 } } } };
  if (token === 'no') return { result: { isAuthorized: false } };
  return { result: { wrong: true } };
}

describe('Lambda authorizers on routes (REST TOKEN/REQUEST, HTTP API 1.0/2.0)', () => {
  let manager: FakeManager;
  let gateway: TestGateway;
  let open: TestGateway;
  const containers: Record<string, FakeContainer> = {};

  const routing: RoutingFile = {
    routes: [
      { path: '/token/{any+}', method: 'GET', function: 'echo', auth: { authorizer: 'Api.Token' } },
      { path: '/request', method: 'GET', function: 'echo', auth: { authorizer: 'Api.Request' } },
      {
        path: '/simple',
        method: 'GET',
        function: 'echo',
        payloadFormat: '2.0',
        auth: { authorizer: 'Http.Simple' },
      },
      { path: '/v1http', method: 'GET', function: 'echo', auth: { authorizer: 'Http.V1' } },
      { path: '/iam', method: 'GET', function: 'echo', auth: { authorizer: 'Api.Iam' } },
      { path: '/open', method: 'GET', function: 'echo' },
      { path: '/slow', method: 'GET', function: 'echo', auth: { authorizer: 'Api.Slow' } },
      {
        path: '/slowhttp',
        method: 'GET',
        function: 'echo',
        payloadFormat: '2.0',
        auth: { authorizer: 'Http.Slow' },
      },
      {
        path: '/staged',
        method: 'GET',
        function: 'echo',
        api: 'Staged',
        auth: { authorizer: 'Staged.ByStage' },
      },
    ],
    apis: { Staged: { kind: 'rest', stage: 'v1', stageVariables: { tenant: 'acme' } } },
    authorizers: {
      'Api.Token': {
        type: 'lambda',
        api: 'rest',
        function: 'tokenauth',
        payloadType: 'TOKEN',
        identitySource: ['method.request.header.Authorization'],
        validationExpression: '^Bearer [a-z]+$',
        ttlSeconds: 300,
      },
      'Api.Request': {
        type: 'lambda',
        api: 'rest',
        function: 'requestauth',
        payloadType: 'REQUEST',
        identitySource: ['method.request.header.x-user', 'method.request.querystring.tenant'],
        ttlSeconds: 0,
      },
      'Http.Simple': {
        type: 'lambda',
        api: 'http',
        function: 'simpleauth',
        payloadType: 'REQUEST',
        payloadFormat: '2.0',
        simpleResponses: true,
        identitySource: ['$request.header.x-token'],
        ttlSeconds: 1,
      },
      'Http.V1': {
        type: 'lambda',
        api: 'http',
        function: 'requestauth',
        payloadType: 'REQUEST',
        payloadFormat: '1.0',
        identitySource: ['$request.header.x-user'],
        ttlSeconds: 0,
      },
      'Api.Slow': {
        type: 'lambda',
        api: 'rest',
        function: 'slowauth',
        payloadType: 'TOKEN',
        identitySource: ['method.request.header.Authorization'],
        ttlSeconds: 300,
      },
      'Http.Slow': {
        type: 'lambda',
        api: 'http',
        function: 'hangauth',
        payloadType: 'REQUEST',
        payloadFormat: '2.0',
        simpleResponses: true,
        identitySource: ['$request.header.x-token'],
        ttlSeconds: 300,
      },
      'Staged.ByStage': {
        type: 'lambda',
        api: 'rest',
        function: 'stageauth',
        payloadType: 'REQUEST',
        identitySource: ['stageVariables.tenant', 'context.stage'],
        ttlSeconds: 300,
      },
      'Api.Iam': { type: 'unsupported', reason: 'AWS_IAM needs SigV4 callers' },
    },
  };

  beforeAll(async () => {
    manager = await new FakeManager(TEST_SECRETS.MANAGER_TOKEN).start();
    const handlers = {
      echo: (event: Record<string, unknown>) => ({
        result: { statusCode: 200, body: JSON.stringify(event) },
      }),
      tokenauth: tokenAuthorizer,
      requestauth: (event: Record<string, unknown>) =>
        (event.headers as Record<string, string>)['x-user'] === 'bob'
          ? allow('bob', String(event.methodArn), { role: 'reader' })
          : deny,
      simpleauth: simpleAuthorizer,
      stageauth: (event: Record<string, unknown>) =>
        (event.stageVariables as Record<string, string> | null)?.tenant === 'acme'
          ? allow('staged', String(event.methodArn))
          : deny,
    };
    for (const [name, handler] of Object.entries(handlers)) {
      containers[name] = await new FakeContainer(handler).start();
      manager.define(name, { running: [containers[name].url] });
    }
    // Answers after its own 1 s timeout (+ the Gateway's grace): a timed-out function.
    containers.slowauth = await new FakeContainer(async () => {
      await sleep(3500);
      return allow('late');
    }).start();
    manager.define('slowauth', { running: [containers.slowauth.url], timeoutSeconds: 1 });
    // Within its own 30 s timeout, but past HTTP API's 10 s authorizer limit.
    containers.hangauth = await new FakeContainer(async () => {
      await sleep(11_000);
      return { result: { isAuthorized: true } };
    }).start();
    manager.define('hangauth', { running: [containers.hangauth.url], timeoutSeconds: 30 });
    const file = writeSecuredRoutingFile(routing);
    gateway = await startGateway(manager.url, [], { ROUTING_FILE: file });
    open = await startGateway(manager.url, [], { ROUTING_FILE: file, BUILTIN_LOGIN: 'false' });
  });

  afterAll(async () => {
    await Promise.all([gateway.app.close(), open.app.close()]);
    await Promise.all([manager.stop(), ...Object.values(containers).map((c) => c.stop())]);
  });

  const call = (url: string, headers: Record<string, string> = {}, app = gateway.app) =>
    app.inject({ method: 'GET', url, headers });
  const echoed = (body: string) =>
    JSON.parse(body) as { requestContext: { authorizer: Record<string, unknown> } };

  describe('REST TOKEN', () => {
    it('answers 401 without invoking the authorizer when the token is missing or fails validation', async () => {
      const before = containers.tokenauth.events.length;
      const cases: Array<Record<string, string>> = [
        {},
        { authorization: 'Basic abc' },
        { authorization: '' },
      ];
      for (const headers of cases) {
        const response = await call('/token/a', headers);
        expect(response.statusCode).toBe(401);
        expect(response.json()).toEqual({ message: 'Unauthorized' });
        expect(response.headers['x-amzn-errortype']).toBe('UnauthorizedException');
      }
      expect(containers.tokenauth.events.length).toBe(before);
    });

    it('invokes the authorizer with the TOKEN event and passes principalId and context on', async () => {
      const response = await call('/token/a/b', { authorization: 'Bearer allow' });
      expect(response.statusCode).toBe(200);
      expect(containers.tokenauth.events.at(-1)).toEqual({
        type: 'TOKEN',
        authorizationToken: 'Bearer allow',
        methodArn: 'arn:aws:execute-api:us-east-1:000000000000:onpre-lambda/prod/GET/token/a/b',
      });
      const authorizer = echoed(response.body).requestContext.authorizer;
      expect(authorizer).toMatchObject({ principalId: 'user-1', user: 'u1', n: '7', ok: 'true' });
      expect(typeof authorizer.integrationLatency).toBe('number');
      expect(authorizer.claims).toBeUndefined();
    });

    it('caches the answer per token for the TTL and evaluates the cached policy per method ARN', async () => {
      const first = await call('/token/only', { authorization: 'Bearer narrow' });
      const count = containers.tokenauth.events.length;
      const again = await call('/token/only', { authorization: 'Bearer narrow' });
      const elsewhere = await call('/token/other', { authorization: 'Bearer narrow' });
      expect([first.statusCode, again.statusCode, elsewhere.statusCode]).toEqual([200, 200, 403]);
      expect(containers.tokenauth.events.length).toBe(count);
      expect(elsewhere.json()).toEqual({
        Message: 'User is not authorized to access this resource',
      });
      expect(echoed(again.body).requestContext.authorizer.integrationLatency).toBe(0);
    });

    it.each([
      [
        'an explicit Deny',
        'Bearer deny',
        403,
        { Message: 'User is not authorized to access this resource with an explicit deny' },
        'AccessDeniedException',
      ],
      [
        'Unauthorized from the function',
        'Bearer unknown',
        401,
        { message: 'Unauthorized' },
        'UnauthorizedException',
      ],
      [
        'a thrown error',
        'Bearer throws',
        500,
        { message: null },
        'AuthorizerConfigurationException',
      ],
      [
        'a nested context value',
        'Bearer nested',
        500,
        { message: null },
        'AuthorizerConfigurationException',
      ],
      [
        'no policyDocument',
        'Bearer nopolicy',
        500,
        { message: null },
        'AuthorizerConfigurationException',
      ],
    ])('%s → %s', async (_case, token, status, body, errorType) => {
      const response = await call('/token/x', { authorization: token });
      expect(response.statusCode).toBe(status);
      expect(response.json()).toEqual(body);
      expect(response.headers['x-amzn-errortype']).toBe(errorType);
      expect(response.body).not.toContain('secret-internal-detail');
    });
  });

  describe('authorizers that time out', () => {
    it('REST: the function timing out → 500 {"message":null}, the reason only in the log', async () => {
      const warn = jest.spyOn(Logger.prototype, 'warn');
      const response = await call('/slow', { authorization: 'Bearer any' });
      expect([response.statusCode, response.json()]).toEqual([500, { message: null }]);
      expect(response.headers['x-amzn-errortype']).toBe('AuthorizerConfigurationException');
      expect(warn.mock.calls.map(([message]) => String(message))).toContainEqual(
        expect.stringMatching(/authorizerFailure: Api\.Slow: .*timeout/),
      );
      warn.mockRestore();
    });

    it("HTTP API: no answer within API Gateway's 10 s authorizer limit → 500 Internal Server Error", async () => {
      const response = await call('/slowhttp', { 'x-token': 'any' });
      expect([response.statusCode, response.json()]).toEqual([
        500,
        { message: 'Internal Server Error' },
      ]);
    }, 20_000);
  });

  describe('REST REQUEST', () => {
    it('sends the request event (no body) and invokes every time with TTL 0', async () => {
      const before = containers.requestauth.events.length;
      for (let index = 0; index < 2; index += 1) {
        const response = await call('/request?tenant=t1', { 'x-user': 'bob' });
        expect(response.statusCode).toBe(200);
        expect(echoed(response.body).requestContext.authorizer).toMatchObject({
          principalId: 'bob',
          role: 'reader',
        });
      }
      expect(containers.requestauth.events.length).toBe(before + 2);
      const event = containers.requestauth.events.at(-1)!;
      expect(event).toMatchObject({
        type: 'REQUEST',
        methodArn: 'arn:aws:execute-api:us-east-1:000000000000:onpre-lambda/prod/GET/request',
        resource: '/request',
        httpMethod: 'GET',
        queryStringParameters: { tenant: 't1' },
        headers: { 'x-user': 'bob' },
      });
      expect(event).not.toHaveProperty('body');
      expect(event).not.toHaveProperty('version');
    });

    it('answers 401 when one identity source is missing', async () => {
      const response = await call('/request', { 'x-user': 'bob' });
      expect(response.statusCode).toBe(401);
    });

    it('answers 403 when the policy denies', async () => {
      const response = await call('/request?tenant=t1', { 'x-user': 'eve' });
      expect(response.statusCode).toBe(403);
    });

    it("reads stage variables and context identity sources from the route's API stage", async () => {
      const response = await call('/v1/staged');
      expect(response.statusCode).toBe(200);
      expect(echoed(response.body).requestContext.authorizer.principalId).toBe('staged');
      expect(containers.stageauth.events.at(-1)).toMatchObject({
        methodArn: 'arn:aws:execute-api:us-east-1:000000000000:onpre-lambda/v1/GET/staged',
        stageVariables: { tenant: 'acme' },
      });
    });
  });

  describe('HTTP API', () => {
    it('2.0 simple responses: allowed with context under authorizer.lambda, then cached for the TTL', async () => {
      const before = containers.simpleauth.events.length;
      const response = await call('/simple', { 'x-token': 'yes' });
      expect(response.statusCode).toBe(200);
      expect(echoed(response.body).requestContext.authorizer).toEqual({
        lambda: { tenant: { id: 3 } },
      });
      expect(containers.simpleauth.events.at(-1)).toMatchObject({
        version: '2.0',
        type: 'REQUEST',
        routeArn: 'arn:aws:execute-api:us-east-1:000000000000:onpre-lambda/$default/GET/simple',
        identitySource: ['yes'],
        routeKey: 'GET /simple',
        rawPath: '/simple',
      });
      await call('/simple', { 'x-token': 'yes' });
      expect(containers.simpleauth.events.length).toBe(before + 1);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await call('/simple', { 'x-token': 'yes' });
      expect(containers.simpleauth.events.length).toBe(before + 2);
    });

    it.each([
      ['isAuthorized false', { 'x-token': 'no' }, 403, 'Forbidden'],
      ['a missing identity', {}, 401, 'Unauthorized'],
      ['a malformed answer', { 'x-token': 'other' }, 500, 'Internal Server Error'],
    ])('2.0: %s → %s', async (_case, headers, status, message) => {
      const response = await call('/simple', headers);
      expect(response.statusCode).toBe(status);
      expect(response.json()).toEqual({ message });
      expect(response.headers['x-amzn-errortype']).toBeUndefined();
    });

    it('1.0 sends the REST-shaped event with version and identitySource', async () => {
      const response = await call('/v1http', { 'x-user': 'bob' });
      expect(response.statusCode).toBe(200);
      expect(containers.requestauth.events.at(-1)).toMatchObject({
        version: '1.0',
        type: 'REQUEST',
        identitySource: 'bob',
        authorizationToken: 'bob',
      });
    });
  });

  describe("the Gateway's own login", () => {
    it('still guards routes the template leaves unprotected, but not protected ones', async () => {
      expect((await call('/open')).statusCode).toBe(401);
      const login = await loginHeader(gateway.app);
      expect((await call('/open', login)).statusCode).toBe(200);
      // A template-protected route does not take the Gateway's token instead of its own auth.
      expect((await call('/token/a', login)).statusCode).toBe(401);
    });

    it('is off with BUILTIN_LOGIN=false: unprotected routes are open, protected ones still checked', async () => {
      expect((await call('/open', {}, open.app)).statusCode).toBe(200);
      expect((await call('/token/a', {}, open.app)).statusCode).toBe(401);
      expect((await call('/token/a', { authorization: 'Bearer allow' }, open.app)).statusCode).toBe(
        200,
      );
    });
  });

  it('an authorizer the Gateway cannot run keeps the Gateway login; with the login off it is 500', async () => {
    expect((await call('/iam')).statusCode).toBe(401);
    expect((await call('/iam', await loginHeader(gateway.app))).statusCode).toBe(200);
    const response = await call('/iam', {}, open.app);
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ message: null });
  });
});
