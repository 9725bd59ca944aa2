import { classifyUpstreamResponse } from './invocation-outcome';

const body = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('classifyUpstreamResponse', () => {
  it.each([
    { case: 'a result', status: 200, headers: {}, payload: { statusCode: 200 }, kind: 'success' },
    { case: 'a bare value', status: 200, headers: {}, payload: 'hi', kind: 'success' },
    {
      case: 'our runtime: function error header',
      status: 200,
      headers: { 'x-amz-function-error': 'Unhandled' },
      payload: { errorType: 'Error', errorMessage: 'boom' },
      kind: 'functionError',
    },
    {
      case: 'AWS RIE: error document without header',
      status: 200,
      headers: {},
      payload: { errorType: 'TypeError', errorMessage: 'x' },
      kind: 'functionError',
    },
    {
      case: 'a result that merely has an errorMessage field next to statusCode',
      status: 200,
      headers: {},
      payload: { statusCode: 400, errorMessage: 'bad input' },
      kind: 'success',
    },
    {
      case: 'our runtime: timeout',
      status: 504,
      headers: { 'x-amz-function-error': 'Unhandled' },
      payload: { errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 3.00 seconds' },
      kind: 'timeout',
    },
    {
      case: 'AWS RIE: timeout reported as 200',
      status: 200,
      headers: {},
      payload: { errorType: 'Runtime.Timeout', errorMessage: 'Task timed out after 3.00 seconds' },
      kind: 'timeout',
    },
    {
      case: 'crash',
      status: 502,
      headers: { 'x-amz-function-error': 'Unhandled' },
      payload: { errorType: 'Runtime.ExitError', errorMessage: 'exit 1' },
      kind: 'crashed',
    },
    { case: 'busy container', status: 409, headers: {}, payload: {}, kind: 'busy' },
    { case: 'unexpected status', status: 500, headers: {}, payload: 'oops', kind: 'crashed' },
  ])('$case → $kind', ({ status, headers, payload, kind }) => {
    const outcome = classifyUpstreamResponse({ statusCode: status, headers, body: body(payload) });
    expect(outcome.kind).toBe(kind);
  });

  it('reports the error type of a function error', () => {
    const outcome = classifyUpstreamResponse({
      statusCode: 200,
      headers: {},
      body: body({ errorType: 'ValidationError', errorMessage: 'no' }),
    });
    expect(outcome).toMatchObject({ kind: 'functionError', errorType: 'ValidationError' });
  });
});
