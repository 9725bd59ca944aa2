import type { FunctionOutcome } from '../invocation/invocation-outcome';
import { integrationTimeoutReply, routeReply } from './route-response';

const payload = (value: unknown) => Buffer.from(JSON.stringify(value));
const error = (kind: 'functionError' | 'timeout' | 'crashed'): FunctionOutcome => ({
  kind,
  errorType: 'Error',
  payload: payload({ errorType: 'Error', errorMessage: 'boom' }),
});

const REST_ERROR = [502, '{"message": "Internal server error"}'] as const;
const HTTP_ERROR = [500, '{"message":"Internal Server Error"}'] as const;

describe('routeReply', () => {
  it.each([
    ['a function error', error('functionError'), 'rest', REST_ERROR],
    ['a function error', error('functionError'), 'http', HTTP_ERROR],
    ['the function timing out', error('timeout'), 'rest', REST_ERROR],
    ['the function timing out', error('timeout'), 'http', HTTP_ERROR],
    ['a crashed runtime', error('crashed'), 'rest', REST_ERROR],
    ['a crashed runtime', error('crashed'), 'http', HTTP_ERROR],
    [
      'a result that is not JSON',
      { kind: 'success', payload: Buffer.from('{') },
      'rest',
      REST_ERROR,
    ],
    ['a result without statusCode', { kind: 'success', payload: payload({}) }, 'rest', REST_ERROR],
    [
      'a result with a bad statusCode',
      { kind: 'success', payload: payload({ statusCode: 'x' }) },
      'http',
      HTTP_ERROR,
    ],
  ] as const)('%s behind a %s API → %j', (_case, outcome, kind, [status, body]) => {
    const { response, problem } = routeReply(outcome, '1.0', kind);
    expect(response.statusCode).toBe(status);
    expect(response.body.toString()).toBe(body);
    expect(response.headers['content-type']).toEqual(['application/json']);
    expect(problem).toEqual(expect.any(String));
  });

  it('maps a good result without a problem', () => {
    const outcome: FunctionOutcome = {
      kind: 'success',
      payload: payload({ statusCode: 201, body: 'made' }),
    };
    const { response, problem } = routeReply(outcome, '1.0', 'rest');
    expect(response).toMatchObject({ statusCode: 201, body: Buffer.from('made') });
    expect(problem).toBeUndefined();
  });

  it.each([
    ['rest', 504, '{"message": "Endpoint request timed out"}'],
    ['http', 503, '{"message":"Service Unavailable"}'],
  ] as const)('integration timeout of a %s API → %i %s', (kind, status, body) => {
    const { response, problem } = integrationTimeoutReply(kind, 1500);
    expect(response.statusCode).toBe(status);
    expect(response.body.toString()).toBe(body);
    expect(problem).toContain('1500 ms');
  });
});
