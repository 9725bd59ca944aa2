import { TOKEN_AUTHORIZER } from '../../test/support/secured-routing';
import { parseRoutingFile } from './routing-file';

const lambda = TOKEN_AUTHORIZER;
const file = (extra: object, route: object = {}) =>
  JSON.stringify({ routes: [{ path: '/a', method: 'GET', function: 'fn', ...route }], ...extra });

describe('routing.yml authorization sections', () => {
  it('resolves a route authorizer, its API usage plans with their keys and throttles', () => {
    const [route] = parseRoutingFile(
      file(
        {
          authorizers: { 'Api.Auth': lambda },
          apiKeys: [
            { id: 'K1', value: '${API_KEY_K1}', enabled: true },
            { id: 'K2', value: 'another-key-0123456789', enabled: true },
          ],
          usagePlans: [
            { id: 'P', apis: ['Api'], apiKeys: ['K1'], throttle: { rateLimit: 1, burstLimit: 2 } },
            { id: 'Other', apis: ['Else'], apiKeys: ['K2'] },
          ],
        },
        {
          api: 'Api',
          auth: { authorizer: 'Api.Auth', apiKeyRequired: true, scopes: ['s'] },
          throttle: { rateLimit: 5, burstLimit: 10 },
        },
      ),
    );
    expect(route.security).toEqual({
      api: 'Api',
      apiKeyRequired: true,
      apiKeySource: 'HEADER',
      authorizer: { name: 'Api.Auth', definition: lambda },
      scopes: ['s'],
      throttle: { rateLimit: 5, burstLimit: 10 },
      usagePlans: [
        {
          plan: {
            id: 'P',
            apis: ['Api'],
            apiKeys: ['K1'],
            throttle: { rateLimit: 1, burstLimit: 2 },
          },
          keys: [{ id: 'K1', value: '${API_KEY_K1}', enabled: true }],
        },
      ],
    });
  });

  it('marks an authorizer the Gateway cannot run, and leaves unprotected routes without security', () => {
    const routes = parseRoutingFile(
      JSON.stringify({
        routes: [
          { path: '/a', method: 'GET', function: 'fn', auth: { authorizer: 'Api.Iam' } },
          { path: '/b', method: 'GET', function: 'fn' },
        ],
        authorizers: { 'Api.Iam': { type: 'unsupported', reason: 'AWS_IAM' } },
      }),
    );
    expect(routes[0].security?.unsupportedAuthorizer).toEqual({
      name: 'Api.Iam',
      reason: 'AWS_IAM',
    });
    expect(routes[1].security).toBeUndefined();
  });

  it.each([
    [
      'an unknown authorizer key',
      file({}, { auth: { authorizer: 'Nope' } }),
      'names no entry of authorizers',
    ],
    [
      'a bad authorizer type',
      file({ authorizers: { A: { type: 'magic' } } }),
      'type must be lambda',
    ],
    [
      'a lambda TTL over 3600',
      file({ authorizers: { A: { ...lambda, ttlSeconds: 9999 } } }),
      'ttlSeconds',
    ],
    [
      'a JWT without issuers',
      file({
        authorizers: {
          A: { type: 'jwt', api: 'http', issuers: [], audience: [], identitySource: [] },
        },
      }),
      'issuers must be a non-empty list',
    ],
    [
      'a short literal key',
      file({ apiKeys: [{ id: 'K', value: 'short', enabled: true }] }),
      'value must be',
    ],
    [
      'a key naming another variable',
      file({ apiKeys: [{ id: 'K', value: '${MANAGER_TOKEN}', enabled: true }] }),
      'value must be',
    ],
    [
      'a bad quota period',
      file({
        usagePlans: [{ id: 'P', apis: [], apiKeys: [], quota: { limit: 1, period: 'YEAR' } }],
      }),
      'quota.period',
    ],
    [
      'an unknown API key source',
      file({}, { auth: { apiKeyRequired: true, apiKeySource: 'COOKIE' } }),
      'auth.apiKeySource must be HEADER or AUTHORIZER',
    ],
    [
      'a negative throttle',
      file({}, { throttle: { rateLimit: -1, burstLimit: 1 } }),
      'rateLimit must be a number >= 0',
    ],
  ])('refuses %s', (_case, text, message) => {
    expect(() => parseRoutingFile(text)).toThrow(message);
  });

  it('never echoes a key value in its error', () => {
    const text = file({ apiKeys: [{ id: 'K', value: 'secret{', enabled: true }] });
    expect(() => parseRoutingFile(text)).toThrow(/^(?![\s\S]*secret\{)/);
  });
});
