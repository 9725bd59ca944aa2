import { evaluatePolicy, methodArn, wildcardMatch } from './iam-policy';

const ARN = methodArn({
  region: 'us-east-1',
  accountId: '123456789012',
  apiId: 'abc123',
  stage: 'prod',
  method: 'GET',
  path: '/orders/42',
});
const statement = (Effect: string, Resource: unknown, Action: unknown = 'execute-api:Invoke') => ({
  Effect,
  Action,
  Resource,
});
const policy = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });

describe('methodArn', () => {
  it('has the shape API Gateway sends authorizers', () => {
    expect(ARN).toBe('arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/orders/42');
  });
});

describe('evaluatePolicy', () => {
  it.each([
    ['exact Allow', policy(statement('Allow', ARN)), 'allow'],
    ['Allow on everything', policy(statement('Allow', '*')), 'allow'],
    [
      'Allow with * in the method',
      policy(statement('Allow', ARN.replace('/GET/', '/*/'))),
      'allow',
    ],
    [
      'Allow with a * path prefix',
      policy(statement('Allow', ARN.replace('orders/42', 'orders/*'))),
      'allow',
    ],
    [
      'Allow with ? for one character',
      policy(statement('Allow', ARN.replace('42', '4?'))),
      'allow',
    ],
    [
      '? does not match two characters',
      policy(statement('Allow', ARN.replace('42', '?'))),
      'implicitDeny',
    ],
    [
      'Allow for another method',
      policy(statement('Allow', ARN.replace('/GET/', '/POST/'))),
      'implicitDeny',
    ],
    [
      'Allow for another stage',
      policy(statement('Allow', ARN.replace('/prod/', '/dev/'))),
      'implicitDeny',
    ],
    [
      'resources are case-sensitive',
      policy(statement('Allow', ARN.replace('orders', 'Orders'))),
      'implicitDeny',
    ],
    ['actions are not', policy(statement('Allow', ARN, 'EXECUTE-API:invoke')), 'allow'],
    ['execute-api:* action', policy(statement('Allow', ARN, 'execute-api:*')), 'allow'],
    ['another action', policy(statement('Allow', ARN, 's3:GetObject')), 'implicitDeny'],
    ['resource list, one matches', policy(statement('Allow', ['arn:x', ARN])), 'allow'],
    ['explicit Deny', policy(statement('Deny', ARN)), 'deny'],
    ['Deny wins over Allow', policy(statement('Allow', '*'), statement('Deny', ARN)), 'deny'],
    ['Deny first, Allow later', policy(statement('Deny', ARN), statement('Allow', '*')), 'deny'],
    [
      'Deny elsewhere does not matter',
      policy(statement('Allow', '*'), statement('Deny', 'arn:x')),
      'allow',
    ],
    [
      'no statement applies',
      policy(statement('Allow', 'arn:aws:execute-api:*:*:other/*')),
      'implicitDeny',
    ],
    ['a single Statement object', { Statement: statement('Allow', ARN) }, 'allow'],
  ])('%s → %s', (_case, document, expected) => {
    expect(evaluatePolicy(document, ARN)).toBe(expected);
  });

  it.each([
    ['no document', undefined],
    ['a string', 'Allow'],
    ['no Statement', { Version: '2012-10-17' }],
    ['empty Statement', policy()],
    ['Effect other than Allow/Deny', policy(statement('allow', ARN))],
    ['no Resource', policy({ Effect: 'Allow', Action: 'execute-api:Invoke' })],
    ['a numeric Action', policy(statement('Allow', ARN, 1))],
  ])('%s is malformed (API Gateway answers 500)', (_case, document) => {
    expect(evaluatePolicy(document, ARN)).toHaveProperty('malformed');
  });
});

describe('wildcardMatch', () => {
  it.each([
    ['a*c', 'abbbc', true],
    ['a*c', 'a/b/c', true],
    ['a.c', 'abc', false],
    ['a+', 'aa', false],
    ['(x)', '(x)', true],
  ])('%s ~ %s → %s', (pattern, value, expected) => {
    expect(wildcardMatch(pattern, value)).toBe(expected);
  });
});
