import { claimStrings, v1AuthorizerContext, v2AuthorizerContext } from './authorizer-context';

describe('requestContext.authorizer as API Gateway shapes it', () => {
  const lambda = {
    kind: 'lambda' as const,
    principalId: 'u1',
    context: { n: 7, ok: true, s: 'x' },
    latencyMs: 12,
  };
  const jwt = {
    kind: 'jwt' as const,
    claims: { sub: 'a', exp: 5, groups: ['x', 'y'] },
    scopes: ['r'],
  };
  const cognito = { kind: 'cognito' as const, claims: { sub: 'a', 'cognito:groups': ['admin'] } };

  it.each([
    [
      'Lambda, 1.0',
      v1AuthorizerContext(lambda),
      { n: '7', ok: 'true', s: 'x', principalId: 'u1', integrationLatency: 12 },
    ],
    [
      'Lambda, 2.0',
      v2AuthorizerContext(lambda),
      { lambda: { n: 7, ok: true, s: 'x' }, principalId: 'u1' },
    ],
    [
      'JWT, 2.0',
      v2AuthorizerContext(jwt),
      { jwt: { claims: { sub: 'a', exp: '5', groups: '[x y]' }, scopes: ['r'] } },
    ],
    [
      'JWT, 1.0',
      v1AuthorizerContext(jwt),
      { claims: { sub: 'a', exp: '5', groups: '[x y]' }, scopes: ['r'] },
    ],
    [
      'Cognito, 1.0',
      v1AuthorizerContext(cognito),
      { claims: { sub: 'a', 'cognito:groups': '[admin]' } },
    ],
  ])('%s', (_case, actual, expected) => {
    expect(actual).toEqual(expected);
  });

  it('renders object claims as JSON', () => {
    expect(claimStrings({ address: { city: 'x' } })).toEqual({ address: '{"city":"x"}' });
  });
});
