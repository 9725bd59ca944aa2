import { createHash, createHmac } from 'node:crypto';
import type { GatewayRequest } from '../events/gateway-request';
import { canonicalPath, canonicalQuery, verifySigV4 } from './sigv4';

/** AWS's published Signature V4 test suite credentials and time. */
const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const signedAt = Date.UTC(2015, 7, 30, 12, 36, 0);

function suiteRequest(rawQueryString: string, signature: string): GatewayRequest {
  return {
    method: 'GET',
    rawPath: '/',
    rawQueryString,
    headers: [
      ['Host', 'example.amazonaws.com'],
      ['X-Amz-Date', '20150830T123600Z'],
      [
        'Authorization',
        'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, ' +
          `SignedHeaders=host;x-amz-date, Signature=${signature}`,
      ],
    ],
    body: Buffer.alloc(0),
    sourceIp: '127.0.0.1',
    protocol: 'HTTP/1.1',
    requestId: 'r',
    receivedAt: signedAt,
  };
}

const vanilla = suiteRequest(
  '',
  '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
);

describe('verifySigV4', () => {
  it.each([
    ['get-vanilla', vanilla],
    [
      'get-vanilla-query-order-key-case',
      suiteRequest(
        'Param2=value2&Param1=value1',
        'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500',
      ),
    ],
  ])('accepts the AWS test suite request %s', (_name, request) => {
    expect(verifySigV4(request, credentials, signedAt)).toEqual({ valid: true });
  });

  it.each([
    ['a wrong secret', vanilla, { ...credentials, secretAccessKey: 'other' }, signedAt, 'match'],
    [
      'an unknown access key',
      vanilla,
      { ...credentials, accessKeyId: 'X' },
      signedAt,
      'access key',
    ],
    ['a request older than 15 minutes', vanilla, credentials, signedAt + 16 * 60_000, 'expired'],
    ['a changed query', { ...vanilla, rawQueryString: 'a=1' }, credentials, signedAt, 'match'],
    ['a changed method', { ...vanilla, method: 'POST' }, credentials, signedAt, 'match'],
    ['a changed body', { ...vanilla, body: Buffer.from('x') }, credentials, signedAt, 'match'],
    ['no authorization', { ...vanilla, headers: [] }, credentials, signedAt, 'missing'],
  ])('rejects %s', (_case, request, keys, now, reason) => {
    const verdict = verifySigV4(request, keys, now);
    expect(verdict.valid).toBe(false);
    expect(verdict).toHaveProperty('reason', expect.stringContaining(reason));
  });

  it('rejects a body that does not match its declared x-amz-content-sha256', () => {
    const declared = createHash('sha256').update('other').digest('hex');
    const request = {
      ...vanilla,
      body: Buffer.from('x'),
      headers: [...vanilla.headers, ['x-amz-content-sha256', declared] as const],
    };
    expect(verifySigV4(request, credentials, signedAt)).toMatchObject({ valid: false });
  });

  it('verifies a POST with a body signed the way the SDKs sign it', () => {
    const body = Buffer.from('{"hello":"world"}');
    const amzDate = '20260101T000000Z';
    const hash = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
    const canonical = [
      'POST',
      '/2015-03-31/functions/my-fn/invocations',
      '',
      'host:127.0.0.1:8443\nx-amz-date:20260101T000000Z\n',
      'host;x-amz-date',
      hash(body),
    ].join('\n');
    const scope = '20260101/us-east-1/lambda/aws4_request';
    const key = ['20260101', 'us-east-1', 'lambda', 'aws4_request'].reduce<Buffer | string>(
      (k, part) => createHmac('sha256', k).update(part).digest(),
      `AWS4${credentials.secretAccessKey}`,
    );
    const signature = createHmac('sha256', key)
      .update(['AWS4-HMAC-SHA256', amzDate, scope, hash(canonical)].join('\n'))
      .digest('hex');
    const request: GatewayRequest = {
      ...vanilla,
      method: 'POST',
      rawPath: '/2015-03-31/functions/my-fn/invocations',
      body,
      headers: [
        ['host', '127.0.0.1:8443'],
        ['x-amz-date', amzDate],
        [
          'authorization',
          `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/${scope}, SignedHeaders=host;x-amz-date, Signature=${signature}`,
        ],
      ],
    };
    expect(verifySigV4(request, credentials, Date.UTC(2026, 0, 1))).toEqual({ valid: true });
  });
});

describe('canonical path and query', () => {
  it.each([
    ['/', '/'],
    ['/a/./b/../c', '/a/c'],
    ['/fn%3Aqualifier/x', '/fn%253Aqualifier/x'],
    ['/a b', '/a%20b'],
    ['/dir/', '/dir/'],
  ])('canonicalPath(%s) = %s', (path, expected) => {
    expect(canonicalPath(path)).toBe(expected);
  });

  it.each([
    ['', ''],
    ['b=2&a=1', 'a=1&b=2'],
    ['a=x%20y&a=b', 'a=b&a=x%20y'],
    ['flag', 'flag='],
    ["q=it's", 'q=it%27s'],
  ])('canonicalQuery(%s) = %s', (query, expected) => {
    expect(canonicalQuery(query)).toBe(expected);
  });
});
