import type { LambdaAuthorizerDefinition } from '@app/contracts';
import type { FunctionOutcome } from '../invocation/invocation-outcome';
import { TOKEN_AUTHORIZER } from '../../test/support/secured-routing';
import { readAuthorizerAnswer, verdictFor } from './authorizer-answer';

const ARN = 'arn:aws:execute-api:us-east-1:000000000000:onpre-lambda/prod/GET/orders/1';
const rest = TOKEN_AUTHORIZER;
const simple: LambdaAuthorizerDefinition = {
  ...rest,
  api: 'http',
  payloadType: 'REQUEST',
  payloadFormat: '2.0',
  simpleResponses: true,
};
const success = (value: unknown): FunctionOutcome => ({
  kind: 'success',
  payload: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
});
const failure = (errorMessage: string, kind: 'functionError' | 'timeout' = 'functionError') =>
  ({
    kind,
    errorType: 'Error',
    payload: Buffer.from(JSON.stringify({ errorType: 'Error', errorMessage })),
  }) as FunctionOutcome;
const policy = (Effect: string, Resource = '*') => ({
  Version: '2012-10-17',
  Statement: [{ Effect, Action: 'execute-api:Invoke', Resource }],
});

describe('readAuthorizerAnswer + verdictFor', () => {
  it.each<[string, LambdaAuthorizerDefinition, FunctionOutcome, string]>([
    ['Allow *', rest, success({ principalId: 'u', policyDocument: policy('Allow') }), 'allow'],
    ['Allow this ARN', rest, success({ policyDocument: policy('Allow', ARN) }), 'allow'],
    ['Allow elsewhere', rest, success({ policyDocument: policy('Allow', 'arn:x') }), 'deny'],
    ['Deny', rest, success({ principalId: 'u', policyDocument: policy('Deny') }), 'deny'],
    ['Unauthorized error', rest, failure('Unauthorized'), 'unauthorized'],
    ['other error', rest, failure('boom'), 'failed'],
    ['timeout', rest, failure('Unauthorized', 'timeout'), 'failed'],
    ['not JSON', rest, success('nope'), 'failed'],
    ['a JSON array', rest, success([1]), 'failed'],
    ['no policyDocument', rest, success({ principalId: 'u' }), 'failed'],
    ['malformed policy', rest, success({ policyDocument: { Statement: [] } }), 'failed'],
    [
      'nested REST context',
      rest,
      success({ policyDocument: policy('Allow'), context: { a: { b: 1 } } }),
      'failed',
    ],
    ['simple true', simple, success({ isAuthorized: true }), 'allow'],
    ['simple false', simple, success({ isAuthorized: false }), 'deny'],
    ['simple without boolean', simple, success({ isAuthorized: 'yes' }), 'failed'],
    [
      'simple, nested context allowed',
      simple,
      success({ isAuthorized: true, context: { a: { b: 1 } } }),
      'allow',
    ],
  ])('%s → %s', (_case, definition, outcome, expected) => {
    expect(verdictFor(readAuthorizerAnswer(definition, outcome), ARN).verdict).toBe(expected);
  });

  it('tells an explicit Deny from no matching Allow (API Gateway words them differently)', () => {
    const explicit = verdictFor(
      readAuthorizerAnswer(rest, success({ policyDocument: policy('Deny') })),
      ARN,
    );
    const implicit = verdictFor(
      readAuthorizerAnswer(rest, success({ policyDocument: policy('Allow', 'arn:x') })),
      ARN,
    );
    expect([explicit, implicit]).toEqual([
      { verdict: 'deny', explicit: true },
      { verdict: 'deny', explicit: false },
    ]);
  });

  it('keeps principalId (as a string), context and usageIdentifierKey of a policy answer', () => {
    const answer = readAuthorizerAnswer(
      rest,
      success({
        principalId: 42,
        policyDocument: policy('Allow'),
        context: { n: 1 },
        usageIdentifierKey: 'k',
      }),
    );
    expect(answer).toEqual({
      kind: 'policy',
      principalId: '42',
      policyDocument: policy('Allow'),
      context: { n: 1 },
      usageIdentifierKey: 'k',
    });
  });

  it('the reason of a failure names what was wrong, never the error message', () => {
    const answer = readAuthorizerAnswer(rest, failure('secret detail'));
    expect(answer).toEqual({ kind: 'failed', reason: 'authorizer function functionError (Error)' });
  });
});
