import { eventPayload, invokeTokenAccepted, matchInvokeRoute } from './invoke-routes';

describe('matchInvokeRoute', () => {
  it.each([
    ['POST', '/2015-03-31/functions/function/invocations', 'invoke'],
    ['POST', '/2015-03-31/functions/orders/invocations?x=1', 'invoke'],
    ['GET', '/2015-03-31/functions/function/invocations', 'method-not-allowed'],
    ['GET', '/health', 'health'],
    ['HEAD', '/health', 'health'],
    ['POST', '/health', 'method-not-allowed'],
    ['POST', '/2015-03-31/functions//invocations', 'not-found'],
    ['POST', '/2015-03-31/functions/a/b/invocations', 'not-found'],
    ['GET', '/', 'not-found'],
  ])('%s %s → %s', (method, url, route) => {
    expect(matchInvokeRoute(method, url)).toBe(route);
  });
});

describe('eventPayload', () => {
  it.each([
    ['', '{}'],
    ['  \n', '{}'],
    ['{"a":1}', '{"a":1}'],
    ['[1,2]', '[1,2]'],
    ['"text"', '"text"'],
    ['null', 'null'],
  ])('passes %j on as %s', (body, event) => {
    expect(eventPayload(Buffer.from(body))).toEqual({ event: Buffer.from(event) });
  });

  it('reports a body that is not JSON', () => {
    expect(eventPayload(Buffer.from('{oops'))).toEqual({ invalid: expect.any(String) });
  });
});

describe('invokeTokenAccepted', () => {
  it.each([
    ['no token expected (not started by a Manager)', undefined, undefined, true],
    ['the token', 'tok-123', 'tok-123', true],
    ['no header', undefined, 'tok-123', false],
    ['another function token', 'tok-456', 'tok-123', false],
    ['a prefix', 'tok', 'tok-123', false],
    ['the header twice (node joins it into an array)', ['tok-123', 'tok-123'], 'tok-123', false],
    ['empty', '', 'tok-123', false],
  ])('%s → %s', (_case, presented, expected, accepted) => {
    expect(invokeTokenAccepted(presented, expected)).toBe(accepted);
  });
});
