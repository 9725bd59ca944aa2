import type { RoutingFile } from '@app/contracts';
import { FakeContainer } from './support/fake-container';
import { FakeManager } from './support/fake-manager';
import { startGateway, TEST_SECRETS, type TestGateway } from './support/gateway-app';
import { writeSecuredRoutingFile } from './support/secured-routing';

const KEY = 'usage-plan-key-0123456789';
const LITERAL_KEY = 'literal-key-from-the-template-01';
const AUTHORIZER_KEY = 'key-the-authorizer-returns-0123';

/** A TOKEN authorizer that hands out a usage plan key for `Bearer partner` (usageIdentifierKey). */
function keyAuthorizer(event: Record<string, unknown>) {
  const token = String(event.authorizationToken);
  return {
    result: {
      principalId: token,
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' }],
      },
      ...(token === 'Bearer partner' ? { usageIdentifierKey: AUTHORIZER_KEY } : {}),
    },
  };
}

describe('API keys, usage plans and stage throttles', () => {
  let manager: FakeManager;
  let echo: FakeContainer;
  let authorizer: FakeContainer;
  let gateway: TestGateway;

  beforeAll(async () => {
    process.env.API_KEY_TESTKEY = KEY;
    manager = await new FakeManager(TEST_SECRETS.MANAGER_TOKEN).start();
    echo = await new FakeContainer((event) => ({
      result: { statusCode: 200, body: JSON.stringify(event) },
    })).start();
    manager.define('echo', { running: [echo.url] });
    authorizer = await new FakeContainer(keyAuthorizer).start();
    manager.define('keyauth', { running: [authorizer.url] });
    const authorized = (path: string, apiKeySource: 'HEADER' | 'AUTHORIZER') => ({
      path,
      method: 'GET',
      function: 'echo',
      api: 'PartnerApi',
      auth: { authorizer: 'PartnerApi.Token', apiKeyRequired: true, apiKeySource },
    });
    const keyed = (path: string, api: string) => ({
      path,
      method: 'GET',
      function: 'echo',
      api,
      auth: { apiKeyRequired: true },
    });
    const routing: RoutingFile = {
      routes: [
        keyed('/throttled', 'ThrottledApi'),
        keyed('/quota', 'QuotaApi'),
        keyed('/unset', 'UnsetApi'),
        // The template's path may end in '/' (SAM event `Path: /x/`); the throttle key never does.
        keyed('/method-throttled/', 'MethodApi'),
        keyed('/plan-wide', 'MethodApi'),
        authorized('/from-authorizer', 'AUTHORIZER'),
        authorized('/from-header', 'HEADER'),
        {
          path: '/stage',
          method: 'GET',
          function: 'echo',
          payloadFormat: '2.0',
          auth: {},
          throttle: { rateLimit: 1, burstLimit: 1 },
        },
      ],
      authorizers: {
        'PartnerApi.Token': {
          type: 'lambda',
          api: 'rest',
          function: 'keyauth',
          payloadType: 'TOKEN',
          identitySource: ['method.request.header.Authorization'],
          ttlSeconds: 300,
        },
      },
      apiKeys: [
        { id: 'AuthorizerKey', value: AUTHORIZER_KEY, enabled: true },
        { id: 'TestKey', value: '${API_KEY_TESTKEY}', enabled: true },
        { id: 'Literal', value: LITERAL_KEY, enabled: true },
        { id: 'Disabled', value: 'disabled-key-0123456789', enabled: false },
        { id: 'Unset', value: '${API_KEY_NOT_SET_ANYWHERE}', enabled: true },
      ],
      usagePlans: [
        {
          id: 'Throttled',
          apis: ['ThrottledApi'],
          apiKeys: ['TestKey', 'Disabled'],
          throttle: { rateLimit: 2, burstLimit: 2 },
        },
        {
          id: 'Quota',
          apis: ['QuotaApi'],
          apiKeys: ['Literal'],
          quota: { limit: 3, period: 'DAY' },
        },
        { id: 'UnsetPlan', apis: ['UnsetApi'], apiKeys: ['Unset'] },
        {
          id: 'MethodPlan',
          apis: ['MethodApi'],
          apiKeys: ['TestKey'],
          throttle: { rateLimit: 100, burstLimit: 100 },
          methodThrottles: [
            {
              api: 'MethodApi',
              path: '/method-throttled',
              method: 'GET',
              throttle: { rateLimit: 1, burstLimit: 1 },
            },
          ],
        },
        {
          id: 'PartnerPlan',
          apis: ['PartnerApi'],
          apiKeys: ['AuthorizerKey'],
          quota: { limit: 2, period: 'DAY' },
        },
      ],
    };
    gateway = await startGateway(manager.url, [], {
      ROUTING_FILE: writeSecuredRoutingFile(routing),
      BUILTIN_LOGIN: 'false',
    });
  });

  afterAll(async () => {
    delete process.env.API_KEY_TESTKEY;
    await gateway.app.close();
    await Promise.all([manager.stop(), echo.stop(), authorizer.stop()]);
  });

  const call = (url: string, key?: string) =>
    gateway.app.inject({
      method: 'GET',
      url,
      headers: key === undefined ? {} : { 'x-api-key': key },
    });
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it.each([
    ['no key', undefined],
    ['a wrong key', 'wrong-key-0123456789012'],
    ['a disabled key', 'disabled-key-0123456789'],
    ["another plan's key", LITERAL_KEY],
  ])('%s → 403 Forbidden', async (_case, key) => {
    const response = await call('/throttled', key);
    expect(response.statusCode).toBe(403);
    expect(response.json()).toEqual({ message: 'Forbidden' });
    expect(response.headers['x-amzn-errortype']).toBe('ForbiddenException');
  });

  it("puts the key in the event's identity and throttles per key as a token bucket, then recovers", async () => {
    await sleep(1100);
    const first = await call('/throttled', KEY);
    expect(first.statusCode).toBe(200);
    expect(JSON.parse(first.body)).toMatchObject({
      requestContext: { identity: { apiKey: KEY, apiKeyId: 'TestKey' } },
    });
    const burst = [await call('/throttled', KEY), await call('/throttled', KEY)];
    expect(burst.map((response) => response.statusCode)).toContain(429);
    const throttled = burst.find((response) => response.statusCode === 429)!;
    expect(throttled.json()).toEqual({ message: 'Too Many Requests' });
    expect(throttled.headers['x-amzn-errortype']).toBe('TooManyRequestsException');
    await sleep(600);
    expect((await call('/throttled', KEY)).statusCode).toBe(200);
  });

  it('counts a quota per key and period: over it is 429 Limit Exceeded', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 4; index += 1)
      statuses.push((await call('/quota', LITERAL_KEY)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const over = await call('/quota', LITERAL_KEY);
    expect(over.json()).toEqual({ message: 'Limit Exceeded' });
    expect(over.headers['x-amzn-errortype']).toBe('LimitExceededException');
  });

  it("a plan's method throttle replaces its plan-wide throttle for that method only", async () => {
    const method = [await call('/method-throttled/', KEY), await call('/method-throttled/', KEY)];
    expect(method.map((response) => response.statusCode)).toEqual([200, 429]);
    const planWide = [1, 2, 3].map(() => call('/plan-wide', KEY));
    expect((await Promise.all(planWide)).map((response) => response.statusCode)).toEqual([
      200, 200, 200,
    ]);
  });

  it('a key whose ${API_KEY_*} variable is not set cannot be used', async () => {
    expect((await call('/unset', '${API_KEY_NOT_SET_ANYWHERE}')).statusCode).toBe(403);
  });

  it('stage throttling applies to every caller of the route (HTTP API wording)', async () => {
    await sleep(1100);
    const statuses = [(await call('/stage')).statusCode, (await call('/stage')).statusCode];
    expect(statuses).toEqual([200, 429]);
    await sleep(1100);
    expect((await call('/stage')).statusCode).toBe(200);
  });

  describe('ApiKeySourceType', () => {
    const withToken = (url: string, token: string, key?: string) =>
      gateway.app.inject({
        method: 'GET',
        url,
        headers: { authorization: token, ...(key === undefined ? {} : { 'x-api-key': key }) },
      });

    it("AUTHORIZER: the authorizer's usageIdentifierKey is the key; its plan's quota counts it", async () => {
      const statuses: number[] = [];
      for (let index = 0; index < 3; index += 1) {
        statuses.push((await withToken('/from-authorizer', 'Bearer partner')).statusCode);
      }
      expect(statuses).toEqual([200, 200, 429]);
      const over = await withToken('/from-authorizer', 'Bearer partner');
      expect(over.json()).toEqual({ message: 'Limit Exceeded' });
    });

    it('AUTHORIZER: an x-api-key header is not a key (403 when the authorizer returns none)', async () => {
      const response = await withToken('/from-authorizer', 'Bearer nokey', AUTHORIZER_KEY);
      expect([response.statusCode, response.json()]).toEqual([403, { message: 'Forbidden' }]);
    });

    it("HEADER: the authorizer's usageIdentifierKey is not a key", async () => {
      const withoutHeader = await withToken('/from-header', 'Bearer nokey');
      expect(withoutHeader.statusCode).toBe(403);
      const onlyFromAuthorizer = await withToken('/from-header', 'Bearer partner');
      expect(onlyFromAuthorizer.statusCode).toBe(403);
    });
  });
});
