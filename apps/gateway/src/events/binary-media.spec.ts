import { isBinaryMediaType, restDecodesBase64, restEventBody } from './binary-media';
import type { GatewayRequest } from './gateway-request';

function request(body: Buffer, contentType?: string): GatewayRequest {
  return {
    method: 'POST',
    rawPath: '/upload',
    rawQueryString: '',
    headers: contentType ? [['Content-Type', contentType]] : [],
    body,
    sourceIp: '127.0.0.1',
    protocol: 'HTTP/1.1',
    requestId: 'r',
    receivedAt: 0,
  };
}

describe('REST binary media types', () => {
  it.each([
    ['image/png', ['image/png'], true],
    ['image/png; charset=x', ['image/png'], true],
    ['IMAGE/PNG', ['image/png'], true],
    ['image/jpeg', ['image/*'], true],
    ['application/json', ['*/*'], true],
    ['application/json', ['image/png'], false],
    ['image/png', [], false],
    [undefined, ['*/*'], false],
  ])('%s against %j → %s', (type, types, expected) => {
    expect(isBinaryMediaType(type, types)).toBe(expected);
  });

  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff]);
  it.each([
    [
      'a binary type',
      png,
      'image/png',
      ['image/png'],
      { body: png.toString('base64'), isBase64Encoded: true },
    ],
    [
      'JSON under */* is base64 too',
      Buffer.from('{"a":1}'),
      'application/json',
      ['*/*'],
      { body: 'eyJhIjoxfQ==', isBase64Encoded: true },
    ],
    [
      'text without binary types',
      Buffer.from('héllo'),
      'text/plain',
      [],
      { body: 'héllo', isBase64Encoded: false },
    ],
    [
      'binary without binary types is text (as API Gateway)',
      png,
      'image/png',
      [],
      { body: png.toString('utf8'), isBase64Encoded: false },
    ],
    [
      'an empty body',
      Buffer.alloc(0),
      'image/png',
      ['image/png'],
      { body: null, isBase64Encoded: false },
    ],
  ])('request body: %s', (_case, body, type, types, expected) => {
    expect(restEventBody(request(body, type), types)).toEqual(expected);
  });

  it.each([
    ['image/png', ['image/png'], true],
    ['image/png, text/html', ['image/*'], true],
    ['text/html, image/png', ['image/png'], false],
    [undefined, ['image/png'], false],
    ['image/png', [], false],
  ])('Accept %s with %j decodes a base64 result: %s', (accept, types, expected) => {
    expect(restDecodesBase64(accept, types)).toBe(expected);
  });
});
