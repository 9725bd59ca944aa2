import { clientErrorResponse } from './client-error';

describe('clientErrorResponse', () => {
  it.each([
    ['HPE_HEADER_OVERFLOW', 431, 'Request Header Fields Too Large'],
    ['ERR_HTTP_REQUEST_TIMEOUT', 408, 'Request Timeout'],
    ['HPE_INVALID_METHOD', 400, 'Bad Request'],
    ['HPE_INVALID_HEADER_TOKEN', 400, 'Bad Request'],
    [undefined, 400, 'Bad Request'],
  ])('%s → %i with a JSON message', (code, status, reason) => {
    const response = clientErrorResponse(code) ?? '';
    const [head, body] = response.split('\r\n\r\n');
    expect(head.split('\r\n')).toEqual([
      `HTTP/1.1 ${status} ${reason}`,
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Content-Type: application/json',
      'Connection: close',
    ]);
    expect(JSON.parse(body)).toEqual({ message: reason });
  });

  it('writes nothing to a connection the client reset', () => {
    expect(clientErrorResponse('ECONNRESET')).toBeUndefined();
  });
});
