import { eventPayload, matchInvokeRoute } from './invoke-routes';

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
