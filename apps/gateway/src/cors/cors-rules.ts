import type { CorsDefinition } from '@app/contracts';
import type { HttpResponse } from '../events/lambda-result';
import type { RouteMatch } from '../routing/route-table';

/** The CORS-relevant headers of a request (lower-case names). */
export interface CorsRequest {
  method: string;
  origin?: string;
  requestMethod?: string;
}

/** Every method a REST API's `ANY` stands for, in the order SAM lists them. */
const ANY_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'];

/** `https://*.example.com` allows every subdomain of example.com (not example.com itself). */
function originAllowed(allowed: readonly string[], origin: string): boolean {
  return allowed.some((pattern) => {
    if (pattern === '*' || pattern === origin) return true;
    const wildcard = /^([a-z][a-z0-9+.-]*:\/\/)\*\.(.+)$/i.exec(pattern);
    if (!wildcard) return false;
    const [, scheme, domain] = wildcard;
    return (
      origin.toLowerCase().startsWith(scheme.toLowerCase()) &&
      origin.toLowerCase().endsWith(`.${domain.toLowerCase()}`) &&
      origin.length > scheme.length + domain.length + 1
    );
  });
}

/** The `Access-Control-Allow-Origin` an HTTP API answers: `*` when configured so, else the origin. */
function allowOriginValue(cors: CorsDefinition, origin: string): string {
  return cors.allowOrigins.includes('*') && !cors.allowCredentials ? '*' : origin;
}

function emptyReply(statusCode: number, headers: Record<string, string[]>): HttpResponse {
  return { statusCode, headers, body: Buffer.alloc(0) };
}

/**
 * An HTTP API's answer to a preflight (`OPTIONS` with `Origin` and `Access-Control-Request-Method`):
 * 204, with the configured headers when the origin and the requested method are allowed, without
 * them otherwise (the browser then refuses the call). Not a preflight → undefined (routed as usual).
 */
export function httpApiPreflight(
  cors: CorsDefinition,
  request: CorsRequest,
): HttpResponse | undefined {
  const { origin, requestMethod } = request;
  if (request.method !== 'OPTIONS' || !origin || !requestMethod) return undefined;
  const methodAllowed =
    cors.allowMethods.includes('*') || cors.allowMethods.includes(requestMethod.toUpperCase());
  if (!originAllowed(cors.allowOrigins, origin) || !methodAllowed) return emptyReply(204, {});
  return emptyReply(204, {
    'access-control-allow-origin': [allowOriginValue(cors, origin)],
    ...(cors.allowMethods.length
      ? { 'access-control-allow-methods': [cors.allowMethods.join(',')] }
      : {}),
    ...(cors.allowHeaders.length
      ? { 'access-control-allow-headers': [cors.allowHeaders.join(',')] }
      : {}),
    ...(cors.maxAge !== undefined ? { 'access-control-max-age': [String(cors.maxAge)] } : {}),
    ...(cors.allowCredentials ? { 'access-control-allow-credentials': ['true'] } : {}),
  });
}

/**
 * The response of an HTTP API with CORS: the function's own `Access-Control-*` headers are dropped
 * (API Gateway ignores them) and, for a request from an allowed origin, the configured ones added.
 */
export function withHttpApiCors(
  response: HttpResponse,
  cors: CorsDefinition,
  origin: string | undefined,
): HttpResponse {
  const headers = Object.fromEntries(
    Object.entries(response.headers).filter(
      ([name]) => !name.toLowerCase().startsWith('access-control-'),
    ),
  );
  if (origin && originAllowed(cors.allowOrigins, origin)) {
    headers['access-control-allow-origin'] = [allowOriginValue(cors, origin)];
    if (cors.allowCredentials) headers['access-control-allow-credentials'] = ['true'];
    if (cors.exposeHeaders?.length) {
      headers['access-control-expose-headers'] = [cors.exposeHeaders.join(',')];
    }
  }
  return { ...response, headers };
}

/**
 * The `OPTIONS` method SAM adds to every path of a REST API with `Cors` (a mock integration): any
 * `OPTIONS` request to a path whose own routes do not declare `OPTIONS` gets 200 with the configured
 * headers, whatever its `Origin`. `Access-Control-Allow-Methods` is `AllowMethods`, else the path's
 * methods and `OPTIONS` (`ANY` standing for all). `pathRoutes` are the routes of the matched path,
 * most specific first. A REST API adds nothing to other responses: its functions set their headers.
 */
export function restApiPreflight(
  cors: CorsDefinition,
  request: CorsRequest,
  pathRoutes: readonly RouteMatch[],
): HttpResponse | undefined {
  if (request.method !== 'OPTIONS' || pathRoutes.length === 0) return undefined;
  const [first] = pathRoutes;
  const resource = pathRoutes.filter(
    (route) => route.api.id === first.api.id && route.resource === first.resource,
  );
  if (resource.some((route) => route.method === 'OPTIONS')) return undefined;
  const methods = new Set(['OPTIONS']);
  for (const route of resource) {
    for (const method of route.method === 'ANY' ? ANY_METHODS : [route.method]) methods.add(method);
  }
  const allowMethods = cors.allowMethods.length ? cors.allowMethods : [...methods].sort();
  return emptyReply(200, {
    'content-type': ['application/json'],
    'access-control-allow-origin': [cors.allowOrigins[0]],
    'access-control-allow-methods': [allowMethods.join(',')],
    ...(cors.allowHeaders.length
      ? { 'access-control-allow-headers': [cors.allowHeaders.join(',')] }
      : {}),
    ...(cors.maxAge !== undefined ? { 'access-control-max-age': [String(cors.maxAge)] } : {}),
    ...(cors.allowCredentials ? { 'access-control-allow-credentials': ['true'] } : {}),
  });
}

/**
 * The Gateway's answer to a preflight of the API the path belongs to (the first route matching the
 * path, whatever its method), or undefined when the API has no CORS or it is not a preflight.
 */
export function preflightReply(
  request: CorsRequest,
  pathRoutes: readonly RouteMatch[],
): HttpResponse | undefined {
  const api = pathRoutes[0]?.api;
  if (!api?.cors) return undefined;
  return api.kind === 'http'
    ? httpApiPreflight(api.cors, request)
    : restApiPreflight(api.cors, request, pathRoutes);
}
