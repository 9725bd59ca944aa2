import { PassThrough, type Readable } from 'node:stream';

/** The content type of a stream that starts with an HTTP prelude (`HttpResponseStream.from`). */
export const HTTP_INTEGRATION_CONTENT_TYPE = 'application/vnd.awslambda.http-integration-response';
const DELIMITER = Buffer.alloc(8);
/** A prelude is status, headers and cookies: anything longer is not one. */
const MAX_PRELUDE_BYTES = 64 * 1024;

export interface StreamPrelude {
  statusCode: number;
  headers: Record<string, string[]>;
  cookies: string[];
}

/**
 * Reads the JSON prelude from the start of a stream's bytes: the text before eight NUL bytes.
 * `pending`: not all of it has arrived; `invalid`: no usable prelude (then Lambda answers 500).
 */
export function splitPrelude(
  bytes: Buffer,
): { prelude: StreamPrelude; rest: Buffer } | 'pending' | 'invalid' {
  const end = bytes.indexOf(DELIMITER);
  if (end < 0) return bytes.length > MAX_PRELUDE_BYTES ? 'invalid' : 'pending';
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.subarray(0, end).toString('utf8'));
  } catch {
    return 'invalid';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'invalid';
  const { statusCode, headers, cookies } = parsed as Record<string, unknown>;
  const status = statusCode === undefined ? 200 : statusCode;
  if (!Number.isInteger(status) || Number(status) < 100 || Number(status) > 599) return 'invalid';
  const headerEntries =
    typeof headers === 'object' && headers !== null ? Object.entries(headers) : [];
  return {
    prelude: {
      statusCode: Number(status),
      headers: Object.fromEntries(headerEntries.map(([name, value]) => [name, [String(value)]])),
      cookies: Array.isArray(cookies) ? cookies.map(String) : [],
    },
    rest: bytes.subarray(end + DELIMITER.length),
  };
}

/**
 * Waits for a stream's prelude and answers it with the rest of the stream (a PassThrough that
 * carries what followed the delimiter and everything after). Undefined: the stream had no valid
 * prelude.
 */
export function readPrelude(
  body: Readable,
): Promise<{ prelude: StreamPrelude; rest: Readable } | undefined> {
  return new Promise((resolve) => {
    let seen = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      seen = Buffer.concat([seen, chunk]);
      const split = splitPrelude(seen);
      if (split === 'pending') return;
      body.off('data', onData);
      body.off('end', onEnd);
      if (split === 'invalid') {
        body.resume();
        resolve(undefined);
        return;
      }
      body.pause();
      const rest = new PassThrough();
      if (split.rest.length > 0) rest.write(split.rest);
      body.pipe(rest);
      body.resume();
      resolve({ prelude: split.prelude, rest });
    };
    const onEnd = () => resolve(undefined);
    body.on('data', onData);
    body.once('end', onEnd);
    body.once('error', onEnd);
  });
}
