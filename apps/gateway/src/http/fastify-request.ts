import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HttpResponse } from '../events/lambda-result';
import {
  GatewayRequest,
  headerPairs,
  splitUrl,
  type CallerClaims,
} from '../events/gateway-request';

/** A Fastify request after the Gateway's guards ran. */
export interface AuthenticatedRequest extends FastifyRequest {
  callerClaims?: CallerClaims;
}

/** Captures what the event mappers need from a Fastify request (body parsed as raw bytes). */
export function gatewayRequestOf(request: FastifyRequest, receivedAt: number): GatewayRequest {
  const { rawPath, rawQueryString } = splitUrl(request.raw.url ?? '/');
  return {
    method: request.method.toUpperCase(),
    rawPath,
    rawQueryString,
    headers: headerPairs(request.raw.rawHeaders),
    body: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
    sourceIp: request.ip,
    protocol: `HTTP/${request.raw.httpVersion}`,
    requestId: request.id,
    receivedAt,
  };
}

/**
 * Puts the response's status and headers (each with all its values) on the reply and answers the
 * body for Nest to send, so the handler's return value goes through Nest's response pipeline.
 * An empty body without a content type is sent as no body at all (202, 204).
 */
export function writeHttpResponse(reply: FastifyReply, response: HttpResponse): Buffer | undefined {
  void reply.status(response.statusCode);
  for (const [name, values] of Object.entries(response.headers)) {
    void reply.header(name, values.length === 1 ? values[0] : values);
  }
  const typed = Object.keys(response.headers).some((name) => name.toLowerCase() === 'content-type');
  return response.body.length === 0 && !typed ? undefined : response.body;
}

/** Sends a response built outside the handler (an exception filter's error reply). */
export function sendHttpResponse(reply: FastifyReply, response: HttpResponse): void {
  void reply.send(writeHttpResponse(reply, response));
}
