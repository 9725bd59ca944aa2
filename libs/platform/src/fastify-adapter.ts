import type { IncomingMessage } from 'node:http';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { REQUEST_ID_HEADER } from '@app/contracts/request-id';
import { handleClientError } from './client-error';
import { requestIdFor } from './logging.module';

export interface AdapterOptions {
  /** Largest accepted request body in bytes. */
  bodyLimit?: number;
  https?: { key: string | Buffer; cert: string | Buffer } | null;
}

/**
 * Fastify with our request-id rule: the caller's sane `X-Request-Id` or a fresh UUID becomes the
 * request id (and so the `request_id` of every log line) and is echoed in the response. Requests the
 * HTTP parser refuses get our JSON `{"message"}` too, not Fastify's own error shape.
 */
export function createFastifyAdapter(options: AdapterOptions = {}): FastifyAdapter {
  const adapter = new FastifyAdapter({
    requestIdHeader: false,
    genReqId: (req: IncomingMessage) => requestIdFor(req.headers[REQUEST_ID_HEADER]),
    bodyLimit: options.bodyLimit,
    clientErrorHandler: handleClientError,
    ...(options.https ? { https: options.https } : {}),
  });
  adapter.getInstance().addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  return adapter;
}
