import type { IncomingMessage } from 'node:http';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { REQUEST_ID_HEADER } from '@app/contracts';
import { handleClientError } from './client-error';
import { requestIdFor } from './logging.module';

/**
 * How long a client may take and how many may connect. Defaults follow the edge proxies' (nginx's
 * client_header_timeout / client_body_timeout 60 s, Envoy's request_headers_timeout for edges 10 s):
 * a connection that sends nothing, headers that never end or a body that stalls is cut with 408;
 * the cap refuses connections beyond it (they are closed at once).
 */
export interface ConnectionLimits {
  /** Complete request headers within this, counted from the connection's first byte wait. */
  headersTimeoutMs: number;
  /** The whole request (headers and body) within this; `Expect: 100-continue` with no body too. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** Open connections at most; more are closed on accept. */
  maxConnections: number;
  /** On shutdown, requests still running get this long; then every connection is closed. */
  shutdownTimeoutMs: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 4_096,
  shutdownTimeoutMs: 10_000,
};

export interface AdapterOptions {
  /** Largest accepted request body in bytes. */
  bodyLimit?: number;
  https?: { key: string | Buffer; cert: string | Buffer } | null;
  limits?: Partial<ConnectionLimits>;
}

/**
 * Fastify with our request-id rule: the caller's sane `X-Request-Id` or a fresh UUID becomes the
 * request id (and so the `request_id` of every log line) and is echoed in the response. Requests the
 * HTTP parser refuses get our JSON `{"message"}` too, not Fastify's own error shape. Slow and idle
 * clients are cut and connections capped (`ConnectionLimits`); shutdown waits a bounded time.
 */
export function createFastifyAdapter(options: AdapterOptions = {}): FastifyAdapter {
  const limits = { ...DEFAULT_CONNECTION_LIMITS, ...options.limits };
  // Node checks these deadlines every `connectionsCheckingInterval`; check often enough for them.
  const serverOptions = {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    connectionsCheckingInterval: Math.max(
      100,
      Math.min(1_000, Math.floor(limits.headersTimeoutMs / 4)),
    ),
  };
  const adapter = new FastifyAdapter({
    requestIdHeader: false,
    genReqId: (req: IncomingMessage) => requestIdFor(req.headers[REQUEST_ID_HEADER]),
    bodyLimit: options.bodyLimit,
    clientErrorHandler: handleClientError,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    forceCloseConnections: 'idle',
    ...(options.https
      ? { https: { ...serverOptions, ...options.https } }
      : { http: serverOptions }),
  });
  const fastify = adapter.getInstance();
  const server = fastify.server;
  server.maxConnections = limits.maxConnections;
  server.headersTimeout = limits.headersTimeoutMs;
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  fastify.addHook('preClose', (done) => {
    setTimeout(() => server.closeAllConnections(), limits.shutdownTimeoutMs).unref();
    done();
  });
  return adapter;
}
