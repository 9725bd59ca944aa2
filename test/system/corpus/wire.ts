import { connect } from 'node:net';

/** What came back on the wire: status, lower-cased headers (last value wins), body text. */
export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface WireRequest {
  method: string;
  path: string;
  /** Sent in this order, duplicates kept; `host` and `content-length` are added. */
  headers?: Array<[string, string]>;
  body?: string | Buffer;
}

const RESPONSE_TIMEOUT_MS = 20_000;

/** HTTP/1.1 request bytes exactly as given (node's client refuses much of what the corpus sends). */
export function requestBytes({ method, path, headers = [], body }: WireRequest): Buffer {
  const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : (body ?? Buffer.alloc(0));
  const lines = [
    `${method} ${path} HTTP/1.1`,
    'host: 127.0.0.1',
    ...headers.map(([name, value]) => `${name}: ${value}`),
    ...(payload.length > 0 ? [`content-length: ${payload.length}`] : []),
  ];
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), payload]);
}

function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = body.indexOf('\r\n', offset);
    const size = parseInt(body.subarray(offset, lineEnd).toString('latin1'), 16);
    if (!(size > 0)) return Buffer.concat(parts);
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
}

/** Interim `100 Continue` answers dropped: what is left is the final response. */
function withoutInterim(bytes: Buffer): Buffer {
  let rest = bytes;
  while (/^HTTP\/1\.1 1\d\d /.test(rest.subarray(0, 13).toString('latin1'))) {
    const headEnd = rest.indexOf('\r\n\r\n');
    if (headEnd < 0) return Buffer.alloc(0);
    rest = rest.subarray(headEnd + 4);
  }
  return rest;
}

/** The response once all of it has arrived (by Content-Length or the last chunk), else undefined. */
function completeResponse(received: Buffer): WireResponse | undefined {
  const bytes = withoutInterim(received);
  const headEnd = bytes.indexOf('\r\n\r\n');
  if (headEnd < 0) return undefined;
  const response = parseResponse(bytes);
  const rest = bytes.length - headEnd - 4;
  if (response.headers['transfer-encoding'] === 'chunked') {
    return bytes.subarray(-5).toString('latin1') === '0\r\n\r\n' ? response : undefined;
  }
  return rest >= Number(response.headers['content-length'] ?? Infinity) ? response : undefined;
}

function parseResponse(bytes: Buffer): WireResponse {
  const headEnd = bytes.indexOf('\r\n\r\n');
  if (headEnd < 0) throw new Error(`no HTTP response head in ${JSON.stringify(String(bytes))}`);
  const [statusLine, ...headerLines] = bytes.subarray(0, headEnd).toString('latin1').split('\r\n');
  const headers = Object.fromEntries(
    headerLines.map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
    }),
  );
  const rest = bytes.subarray(headEnd + 4);
  const body = headers['transfer-encoding'] === 'chunked' ? dechunk(rest) : rest;
  return { status: Number(statusLine.split(' ')[1]), headers, body: body.toString('utf8') };
}

/**
 * Writes the bytes on a fresh connection and reads one response: complete by its framing, or
 * whatever arrived when the server closed. The connection is kept open (no `connection: close`),
 * so a server that answers early (413 on Content-Length) drains the rest instead of resetting the
 * connection and losing its answer.
 */
export function sendRaw(port: number, bytes: Buffer): Promise<WireResponse> {
  return new Promise((resolve, reject) => {
    const received: Buffer[] = [];
    let answered = false;
    const socket = connect({ host: '127.0.0.1', port });
    const finish = (error?: Error) => {
      socket.destroy();
      if (answered) return;
      answered = true;
      const data = Buffer.concat(received);
      if (data.length > 0) resolve(parseResponse(withoutInterim(data)));
      else reject(error ?? new Error('the connection closed without an answer'));
    };
    socket.setTimeout(RESPONSE_TIMEOUT_MS, () => finish(new Error('no answer in time')));
    socket.on('data', (chunk: Buffer) => {
      received.push(chunk);
      if (completeResponse(Buffer.concat(received))) finish();
    });
    socket.on('end', () => finish());
    socket.on('error', (error) => finish(error));
    socket.write(bytes, () => undefined);
  });
}

export const send = (port: number, request: WireRequest) => sendRaw(port, requestBytes(request));
