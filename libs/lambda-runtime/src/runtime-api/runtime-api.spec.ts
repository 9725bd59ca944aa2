import { decodeClientContext, InvalidClientContextError, invocationHeaders } from './invocation';
import { matchRuntimeApiRoute } from './runtime-api-routes';

describe('matchRuntimeApiRoute', () => {
  it.each([
    ['GET', '/2018-06-01/runtime/invocation/next', { kind: 'next' }],
    [
      'POST',
      '/2018-06-01/runtime/invocation/abc-1/response',
      { kind: 'response', requestId: 'abc-1' },
    ],
    ['POST', '/2018-06-01/runtime/invocation/abc-1/error', { kind: 'error', requestId: 'abc-1' }],
    ['POST', '/2018-06-01/runtime/invocation/a%20b/error?x=1', { kind: 'error', requestId: 'a b' }],
    ['POST', '/2018-06-01/runtime/init/error', { kind: 'init-error' }],
    ['POST', '/2018-06-01/runtime/invocation/next', { kind: 'not-found' }],
    ['GET', '/2018-06-01/runtime/invocation/abc/response', { kind: 'not-found' }],
    ['POST', '/2018-06-01/runtime/invocation//response', { kind: 'not-found' }],
    ['GET', '/health', { kind: 'not-found' }],
  ])('%s %s', (method, url, route) => {
    expect(matchRuntimeApiRoute(method, url)).toEqual(route);
  });
});

describe('invocationHeaders', () => {
  const base = {
    requestId: 'r1',
    event: Buffer.from('{}'),
    deadlineMs: 1_700_000_003_000,
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:echo',
    traceId: 'Root=1-a-b;Parent=c;Sampled=0',
  };

  it('carries the required Lambda-Runtime headers', () => {
    expect(invocationHeaders(base)).toEqual({
      'lambda-runtime-aws-request-id': 'r1',
      'lambda-runtime-deadline-ms': '1700000003000',
      'lambda-runtime-invoked-function-arn': 'arn:aws:lambda:us-east-1:000000000000:function:echo',
      'lambda-runtime-trace-id': 'Root=1-a-b;Parent=c;Sampled=0',
    });
  });

  it('adds client context and cognito identity when present', () => {
    const headers = invocationHeaders({ ...base, clientContext: '{"a":1}', cognitoIdentity: '{}' });
    expect(headers['lambda-runtime-client-context']).toBe('{"a":1}');
    expect(headers['lambda-runtime-cognito-identity']).toBe('{}');
  });
});

describe('decodeClientContext', () => {
  const json = '{"custom":{"k":"v"}}';
  it.each([
    ['base64 JSON', Buffer.from(json).toString('base64'), json],
    ['plain JSON', json, json],
    ['nothing', undefined, undefined],
    ['blank', '  ', undefined],
  ])('reads %s', (_name, header, expected) => {
    expect(decodeClientContext(header)).toBe(expected);
  });

  it('rejects anything else', () => {
    expect(() => decodeClientContext('not json')).toThrow(InvalidClientContextError);
    expect(() => decodeClientContext(Buffer.from('"str"').toString('base64'))).toThrow(
      InvalidClientContextError,
    );
  });
});
