import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

/** Node's parser errors → the status Fastify would answer (too-large headers, slow clients, the rest). */
const STATUS_BY_CODE: Record<string, number> = {
  HPE_HEADER_OVERFLOW: 431,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};

/**
 * The raw answer to a request the HTTP parser refused (it never reaches a route): the status and a
 * JSON `{"message"}` body, as every other error of ours; undefined when nothing should be written.
 */
export function clientErrorResponse(code: string | undefined): string | undefined {
  if (code === 'ECONNRESET') return undefined;
  const status = (code && STATUS_BY_CODE[code]) || 400;
  const reason = STATUS_CODES[status] ?? 'Bad Request';
  const body = JSON.stringify({ message: reason });
  return (
    `HTTP/1.1 ${status} ${reason}\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    'Content-Type: application/json\r\n' +
    'Connection: close\r\n\r\n' +
    body
  );
}

/** Fastify's `clientErrorHandler`: answers with `clientErrorResponse`, then closes the connection. */
export function handleClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (socket.destroyed) return;
  const response = clientErrorResponse(error.code);
  if (response && socket.writable) socket.end(response);
  socket.destroy(error);
}
