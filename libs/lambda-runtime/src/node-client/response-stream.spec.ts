import { Writable } from 'node:stream';
import {
  HTTP_INTEGRATION_CONTENT_TYPE,
  httpResponseStreamFrom,
  isStreamingHandler,
  streamifyResponse,
  type ResponseStream,
} from './response-stream';

class RecordingStream extends Writable implements ResponseStream {
  contentType = '';
  readonly chunks: Buffer[] = [];
  setContentType(contentType: string): void {
    this.contentType = contentType;
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.chunks.push(Buffer.from(chunk));
    callback();
  }
}

describe('awslambda.streamifyResponse / HttpResponseStream.from', () => {
  it.each([
    ['a streamified handler', streamifyResponse(() => undefined), true],
    ['a plain handler', () => undefined, false],
  ])('%s is streaming: %s', (_case, handler, expected) => {
    expect(isStreamingHandler(handler)).toBe(expected);
  });

  it('writes the JSON prelude and eight NUL bytes before the body, with the HTTP content type', () => {
    const stream = new RecordingStream();
    httpResponseStreamFrom(stream, { statusCode: 202, headers: { a: 'b' } }).write('body');
    expect(stream.contentType).toBe(HTTP_INTEGRATION_CONTENT_TYPE);
    expect(Buffer.concat(stream.chunks)).toEqual(
      Buffer.concat([
        Buffer.from('{"statusCode":202,"headers":{"a":"b"}}'),
        Buffer.alloc(8),
        Buffer.from('body'),
      ]),
    );
  });
});
