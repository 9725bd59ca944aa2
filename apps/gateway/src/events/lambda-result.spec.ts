import { fromV1Result, fromV2Result, mergeHeaders, parseResultPayload } from './lambda-result';

const json = { 'content-type': ['application/json'] };

describe('fromV1Result', () => {
  it.each([
    {
      case: 'plain string body is sent as is',
      result: { statusCode: 201, body: 'hello', headers: { 'content-type': 'text/plain' } },
      status: 201,
      headers: { 'content-type': ['text/plain'] },
      body: 'hello',
    },
    {
      case: 'base64 body is decoded',
      result: { statusCode: 200, body: 'AAEC', isBase64Encoded: true },
      status: 200,
      headers: json,
      body: '\u0000\u0001\u0002',
    },
    {
      case: 'headers and multiValueHeaders merge; multi-value wins for the same name',
      result: {
        statusCode: 200,
        headers: { 'X-One': 1, 'X-Both': 'single' },
        multiValueHeaders: { 'x-both': ['m1', 'm2'], 'Set-Cookie': ['a=1', 'b=2'] },
      },
      status: 200,
      headers: { 'X-One': ['1'], 'x-both': ['m1', 'm2'], 'Set-Cookie': ['a=1', 'b=2'], ...json },
      body: '',
    },
    {
      case: 'framing headers from the function are dropped',
      result: { statusCode: 204, headers: { 'Content-Length': '99', Connection: 'close' } },
      status: 204,
      headers: json,
      body: '',
    },
    {
      case: 'hop-by-hop headers are dropped, not relayed',
      result: {
        statusCode: 200,
        headers: { Upgrade: 'h2c', 'Keep-Alive': 'timeout=5', TE: 'trailers', Trailer: 'x-t' },
        multiValueHeaders: { 'Transfer-Encoding': ['chunked'], 'Proxy-Connection': ['close'] },
      },
      status: 200,
      headers: json,
      body: '',
    },
    {
      case: 'headers the Gateway owns cannot be overwritten',
      result: {
        statusCode: 200,
        headers: { 'X-Request-Id': 'forged', 'Strict-Transport-Security': 'max-age=0' },
      },
      status: 200,
      headers: json,
      body: '',
    },
    {
      case: 'header names of Object.prototype members are dropped',
      result: JSON.parse(
        '{"statusCode":200,"headers":{"__proto__":"x","constructor":"y","x-kept":"z"}}',
      ) as object,
      status: 200,
      headers: { 'x-kept': ['z'], ...json },
      body: '',
    },
  ])('$case', ({ result, status, headers, body }) => {
    const mapped = fromV1Result(result);
    expect(mapped).toEqual({ response: { statusCode: status, headers, body: Buffer.from(body) } });
  });

  it.each([
    { case: 'missing statusCode', result: { body: 'x' } },
    { case: 'statusCode out of range', result: { statusCode: 99 } },
    { case: 'statusCode 100 (interim)', result: { statusCode: 100 } },
    { case: 'statusCode 101 (switching protocols)', result: { statusCode: 101 } },
    { case: 'statusCode 103 (early hints)', result: { statusCode: 103 } },
    { case: 'statusCode 199', result: { statusCode: 199 } },
    {
      case: '101 headers',
      result: {
        statusCode: 200,
        headers: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`x-h${i}`, 'v'])),
      },
    },
    {
      case: '101 values of one multi-value header',
      result: { statusCode: 200, multiValueHeaders: { 'x-many': Array(101).fill('v') } },
    },
    {
      case: 'a 1 MB header value',
      result: { statusCode: 200, headers: { 'x-big': 'a'.repeat(2 ** 20) } },
    },
    { case: 'statusCode as text', result: { statusCode: '200' } },
    { case: 'not an object', result: 'hello' },
    { case: 'null', result: null },
    { case: 'object body', result: { statusCode: 200, body: { a: 1 } } },
    { case: 'headers not an object', result: { statusCode: 200, headers: ['a'] } },
    {
      case: 'multiValueHeaders not lists',
      result: { statusCode: 200, multiValueHeaders: { a: 'b' } },
    },
  ])('is malformed (502) for $case', ({ result }) => {
    expect(fromV1Result(result)).toHaveProperty('malformed');
  });
});

describe('fromV2Result', () => {
  it.each([
    { case: 'an object without statusCode', result: { hello: 'world' }, body: '{"hello":"world"}' },
    { case: 'a string', result: 'hi', body: '"hi"' },
    { case: 'a number', result: 7, body: '7' },
    { case: 'null', result: null, body: 'null' },
  ])('infers a 200 JSON response from $case', ({ result, body }) => {
    expect(fromV2Result(result)).toEqual({
      response: { statusCode: 200, headers: json, body: Buffer.from(body) },
    });
  });

  it('sends cookies as Set-Cookie headers', () => {
    const mapped = fromV2Result({
      statusCode: 302,
      headers: { location: '/next' },
      cookies: ['s=1; HttpOnly', 't=2'],
      body: '',
    });
    expect(mapped).toEqual({
      response: {
        statusCode: 302,
        headers: { location: ['/next'], 'set-cookie': ['s=1; HttpOnly', 't=2'], ...json },
        body: Buffer.alloc(0),
      },
    });
  });

  it('is malformed for an invalid status or cookies', () => {
    expect(fromV2Result({ statusCode: 1000 })).toHaveProperty('malformed');
    expect(fromV2Result({ statusCode: 200, cookies: 'a=1' })).toHaveProperty('malformed');
  });

  it.each([
    { case: 'CRLF in a header value', headers: { 'x-a': 'a\r\nset-cookie: x=1' } },
    { case: 'NUL in a header value', headers: { 'x-a': 'a\u0000b' } },
    { case: 'space in a header name', headers: { 'x a': 'b' } },
  ])('is malformed for $case (no response splitting)', ({ headers }) => {
    expect(fromV1Result({ statusCode: 200, headers })).toHaveProperty('malformed');
    expect(fromV2Result({ statusCode: 200, headers })).toHaveProperty('malformed');
  });

  it('is malformed for a cookie with a line break', () => {
    expect(fromV2Result({ statusCode: 200, cookies: ['a=1\r\nx: y'] })).toHaveProperty('malformed');
  });
});

describe('header limits', () => {
  it('relays 100 headers within 60 KiB', () => {
    const headers = Object.fromEntries(
      Array.from({ length: 99 }, (_, i) => [`x-h${i}`, 'v'.repeat(500)]),
    );
    const mapped = fromV1Result({ statusCode: 200, headers });
    expect(mapped).toHaveProperty('response');
  });
});

describe('mergeHeaders and parseResultPayload', () => {
  it('accepts absent maps', () => {
    expect(mergeHeaders(undefined, null)).toEqual({});
  });

  it('parses JSON and rejects other bytes', () => {
    expect(parseResultPayload(Buffer.from('{"a":1}'))).toEqual({ value: { a: 1 } });
    expect(parseResultPayload(Buffer.from('not json'))).toBeUndefined();
  });
});
