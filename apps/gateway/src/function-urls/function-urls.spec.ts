import type { GatewayRequest } from '../events/gateway-request';
import { toFunctionUrlEvent } from './function-url-event';
import { functionUrlPath } from './function-url-path';
import { parseFunctionUrls } from '../routing/function-url-table';

describe('functionUrlPath', () => {
  it.each([
    ['/lambda-url/fn', { functionName: 'fn', rawPath: '/', rawQueryString: '' }],
    ['/lambda-url/fn/', { functionName: 'fn', rawPath: '/', rawQueryString: '' }],
    [
      '/lambda-url/my_Fn-2/a/b%20c?x=1',
      { functionName: 'my_Fn-2', rawPath: '/a/b%20c', rawQueryString: 'x=1' },
    ],
    ['/lambda-url/fn?q', { functionName: 'fn', rawPath: '/', rawQueryString: 'q' }],
    ['/lambda-url/', undefined],
    ['/lambda-url/a%2Fb/x', undefined],
    ['/other/fn', undefined],
  ])('%s', (url, expected) => {
    expect(functionUrlPath(url)).toEqual(expected);
  });
});

describe('parseFunctionUrls', () => {
  it.each([
    ['routes: []', {}],
    [
      '{routes: [], functionUrls: {f: {authType: NONE}}}',
      { f: { authType: 'NONE', invokeMode: 'BUFFERED' } },
    ],
    [
      '{routes: [], functionUrls: {f: {authType: AWS_IAM, invokeMode: RESPONSE_STREAM, cors: {allowOrigins: ["*"]}}}}',
      {
        f: {
          authType: 'AWS_IAM',
          invokeMode: 'RESPONSE_STREAM',
          cors: { allowOrigins: ['*'], allowMethods: [], allowHeaders: [] },
        },
      },
    ],
  ])('%s', (text, expected) => {
    expect(parseFunctionUrls(text)).toEqual(expected);
  });

  it('lists every problem at once', () => {
    expect(() =>
      parseFunctionUrls(
        '{routes: [], functionUrls: {a: {authType: OPEN}, b: {authType: NONE, invokeMode: X}, c: 1}}',
      ),
    ).toThrow(
      [
        'routing.yml:',
        '  - functionUrls.a.authType must be NONE or AWS_IAM',
        '  - functionUrls.b.invokeMode must be BUFFERED or RESPONSE_STREAM',
        '  - functionUrls.c must be a mapping',
      ].join('\n'),
    );
  });
});

describe('toFunctionUrlEvent', () => {
  const request: GatewayRequest = {
    method: 'GET',
    rawPath: '/a%20b',
    rawQueryString: 'k=v',
    headers: [
      ['Host', 'localhost:8443'],
      ['User-Agent', 'curl/8'],
    ],
    body: Buffer.alloc(0),
    sourceIp: '127.0.0.1',
    protocol: 'HTTP/1.1',
    requestId: 'req-1',
    receivedAt: Date.UTC(2026, 0, 2, 3, 4, 5),
  };

  it.each([
    ['NONE', undefined, { accountId: 'anonymous' }],
    [
      'AWS_IAM',
      { accessKey: 'AKID' },
      {
        accountId: '000000000000',
        authorizer: {
          iam: {
            accessKey: 'AKID',
            accountId: '000000000000',
            callerId: 'AKID',
            cognitoIdentity: null,
            principalOrgId: null,
            userArn: 'arn:aws:iam::000000000000:user/AKID',
            userId: 'AKID',
          },
        },
      },
    ],
  ])('%s', (_auth, caller, context) => {
    const event = toFunctionUrlEvent(request, 'My-Fn', caller);
    expect(event).toEqual({
      version: '2.0',
      routeKey: '$default',
      rawPath: '/a%20b',
      rawQueryString: 'k=v',
      headers: { host: 'localhost:8443', 'user-agent': 'curl/8' },
      queryStringParameters: { k: 'v' },
      requestContext: {
        apiId: 'my-fn',
        domainName: 'localhost:8443',
        domainPrefix: 'my-fn',
        http: {
          method: 'GET',
          path: '/a b',
          protocol: 'HTTP/1.1',
          sourceIp: '127.0.0.1',
          userAgent: 'curl/8',
        },
        requestId: 'req-1',
        routeKey: '$default',
        stage: '$default',
        time: '02/Jan/2026:03:04:05 +0000',
        timeEpoch: request.receivedAt,
        ...context,
      },
      isBase64Encoded: false,
    });
  });
});
