import type { IncomingMessage, ServerResponse } from 'node:http';

export interface ReadBody {
  body: Buffer;
  /** Bytes received; larger than `body.length` when the limit cut the body short. */
  size: number;
  tooLarge: boolean;
}

/** Reads a request body, keeping at most `limit` bytes but counting (and draining) the rest. */
export function readBody(request: IncomingMessage, limit: number): Promise<ReadBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    request.on('end', () => resolve({ body: Buffer.concat(chunks), size, tooLarge: size > limit }));
    request.on('error', reject);
  });
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(payload.length),
    ...headers,
  });
  response.end(payload);
}

/** A request header's value (the first, when it was sent more than once). */
export function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A handler failed unexpectedly: 500 `ServiceException` with `errorMessage`, unless already answered. */
export function sendServiceFailure(response: ServerResponse, errorMessage: string): void {
  if (!response.headersSent)
    sendJson(response, 500, { errorType: 'ServiceException', errorMessage });
}
