import { decisionCacheKey, identityValues, tokenPassesValidation } from './identity-source';

const inputs = {
  headers: [
    ['Authorization', 'Bearer abc'],
    ['X-Empty', ' '],
  ] as const,
  query: [['tenant', 'acme']] as const,
  stageVariables: { env: 'prod' },
  context: { sourceIp: '10.0.0.1' },
};

describe('identityValues', () => {
  it.each([
    [['method.request.header.Authorization'], ['Bearer abc']],
    [['method.request.header.authorization'], ['Bearer abc']],
    [['$request.header.Authorization'], ['Bearer abc']],
    [['method.request.querystring.tenant'], ['acme']],
    [['$request.querystring.tenant'], ['acme']],
    [
      ['stageVariables.env', '$stageVariables.env'],
      ['prod', 'prod'],
    ],
    [
      ['context.sourceIp', '$context.sourceIp'],
      ['10.0.0.1', '10.0.0.1'],
    ],
    [
      ['method.request.header.Authorization', 'method.request.querystring.tenant'],
      ['Bearer abc', 'acme'],
    ],
    [[], []],
    [['method.request.header.Missing'], undefined],
    [['method.request.header.X-Empty'], undefined],
    [['method.request.querystring.Tenant'], undefined],
    [['method.request.header.Authorization', 'stageVariables.missing'], undefined],
    [['somethingElse.x'], undefined],
  ])('%j → %j', (sources, expected) => {
    expect(identityValues(sources, inputs)).toEqual(expected);
  });
});

describe('decisionCacheKey', () => {
  it.each([
    [
      ['a', ['x|y']],
      ['a', ['x', 'y']],
    ],
    [
      ['a', ['xy']],
      ['a', ['x', 'y']],
    ],
    [
      ['a.b', ['t']],
      ['a', ['b', 't']],
    ],
  ] as const)('%j and %j differ', ([a1, v1], [a2, v2]) => {
    expect(decisionCacheKey(a1, v1)).not.toBe(decisionCacheKey(a2, v2));
  });

  it('is the same for the same authorizer and identity', () => {
    expect(decisionCacheKey('Api.Auth', ['t'])).toBe(decisionCacheKey('Api.Auth', ['t']));
  });
});

describe('tokenPassesValidation', () => {
  it.each([
    ['Bearer abc', '^Bearer [a-z]+$', true],
    ['Basic abc', '^Bearer [a-z]+$', false],
    ['anything', undefined, true],
    ['x', '(', false],
  ])('%s ~ %s → %s', (token, expression, expected) => {
    expect(tokenPassesValidation(token, expression)).toBe(expected);
  });
});
