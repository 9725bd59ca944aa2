import type { CorsDefinition } from '@app/contracts';
import type { RouteMatch } from '../routing/route-table';
import { httpApiPreflight, preflightReply, restApiPreflight, withHttpApiCors } from './cors-rules';

const httpCors: CorsDefinition = {
  allowOrigins: ['https://app.example.com', 'https://*.example.org'],
  allowMethods: ['GET', 'POST'],
  allowHeaders: ['content-type', 'authorization'],
  exposeHeaders: ['x-total'],
  maxAge: 300,
  allowCredentials: true,
};

const preflight = (origin: string, requestMethod = 'GET') => ({
  method: 'OPTIONS',
  origin,
  requestMethod,
});

function route(method: string, resource: string, api = 'Rest'): RouteMatch {
  return {
    function: 'fn',
    resource,
    routeKey: `${method} ${resource}`,
    method,
    payloadFormat: '1.0',
    pathParameters: null,
    api: {
      id: api,
      declared: true,
      kind: 'rest',
      stage: 'Prod',
      stageVariables: {},
      binaryMediaTypes: [],
    },
    stagePrefix: '',
    timeoutMs: 29000,
  };
}

describe('HTTP API preflight', () => {
  it.each([
    ['an allowed origin', preflight('https://app.example.com'), 'https://app.example.com'],
    ['a wildcard subdomain', preflight('https://a.b.example.org'), 'https://a.b.example.org'],
    ['the bare wildcard domain', preflight('https://example.org'), undefined],
    ['another origin', preflight('https://evil.example'), undefined],
    ['a method not allowed', preflight('https://app.example.com', 'DELETE'), undefined],
    ['another scheme', preflight('http://app.example.com'), undefined],
  ])('%s → 204, allow-origin %s', (_case, request, allowed) => {
    const reply = httpApiPreflight(httpCors, request)!;
    expect(reply.statusCode).toBe(204);
    expect(reply.body.length).toBe(0);
    expect(reply.headers['access-control-allow-origin']?.[0]).toBe(allowed);
    if (allowed) {
      expect(reply.headers).toMatchObject({
        'access-control-allow-methods': ['GET,POST'],
        'access-control-allow-headers': ['content-type,authorization'],
        'access-control-max-age': ['300'],
        'access-control-allow-credentials': ['true'],
      });
    }
  });

  it.each([
    ['no Origin', { method: 'OPTIONS', requestMethod: 'GET' }],
    ['no Access-Control-Request-Method', { method: 'OPTIONS', origin: 'https://app.example.com' }],
    ['not OPTIONS', { method: 'GET', origin: 'https://app.example.com', requestMethod: 'GET' }],
  ])('%s is no preflight', (_case, request) => {
    expect(httpApiPreflight(httpCors, request)).toBeUndefined();
  });

  it('answers * for a wildcard configuration without credentials', () => {
    const open = { allowOrigins: ['*'], allowMethods: ['*'], allowHeaders: ['*'] };
    expect(httpApiPreflight(open, preflight('https://x.test', 'PATCH'))?.headers).toEqual({
      'access-control-allow-origin': ['*'],
      'access-control-allow-methods': ['*'],
      'access-control-allow-headers': ['*'],
    });
  });
});

describe('HTTP API responses', () => {
  const response = {
    statusCode: 200,
    headers: {
      'content-type': ['text/plain'],
      'Access-Control-Allow-Origin': ['https://own.test'],
    },
    body: Buffer.from('ok'),
  };

  it.each([
    [
      'an allowed origin gets the configured headers, the function’s own are dropped',
      'https://app.example.com',
      {
        'content-type': ['text/plain'],
        'access-control-allow-origin': ['https://app.example.com'],
        'access-control-allow-credentials': ['true'],
        'access-control-expose-headers': ['x-total'],
      },
    ],
    ['another origin gets none', 'https://evil.example', { 'content-type': ['text/plain'] }],
    ['no origin gets none', undefined, { 'content-type': ['text/plain'] }],
  ])('%s', (_case, origin, headers) => {
    expect(withHttpApiCors(response, httpCors, origin).headers).toEqual(headers);
  });
});

describe('REST API preflight (the OPTIONS mock SAM generates)', () => {
  const cors: CorsDefinition = { allowOrigins: ['*'], allowMethods: [], allowHeaders: [] };

  it.each([
    [
      'methods of the path and OPTIONS',
      [route('GET', '/items'), route('POST', '/items')],
      'GET,OPTIONS,POST',
    ],
    [
      'ANY stands for every method',
      [route('ANY', '/items/{id}')],
      'DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT',
    ],
    [
      'only the most specific path counts',
      [route('GET', '/items/{id}'), route('ANY', '/{proxy+}')],
      'GET,OPTIONS',
    ],
  ])('%s → %s', (_case, routes, methods) => {
    const reply = restApiPreflight(cors, { method: 'OPTIONS' }, routes)!;
    expect(reply.statusCode).toBe(200);
    expect(reply.headers).toEqual({
      'content-type': ['application/json'],
      'access-control-allow-origin': ['*'],
      'access-control-allow-methods': [methods],
    });
  });

  it('uses AllowMethods, AllowHeaders, MaxAge and AllowCredentials as configured', () => {
    const configured: CorsDefinition = {
      allowOrigins: ['https://app.example.com'],
      allowMethods: ['GET', 'OPTIONS'],
      allowHeaders: ['Content-Type', 'X-Amz-Date'],
      maxAge: 600,
      allowCredentials: true,
    };
    expect(
      restApiPreflight(configured, { method: 'OPTIONS' }, [route('GET', '/a')])?.headers,
    ).toEqual({
      'content-type': ['application/json'],
      'access-control-allow-origin': ['https://app.example.com'],
      'access-control-allow-methods': ['GET,OPTIONS'],
      'access-control-allow-headers': ['Content-Type,X-Amz-Date'],
      'access-control-max-age': ['600'],
      'access-control-allow-credentials': ['true'],
    });
  });

  it.each([
    ['a path with its own OPTIONS route', [route('OPTIONS', '/a'), route('GET', '/a')], 'OPTIONS'],
    ['a GET', [route('GET', '/a')], 'GET'],
    ['no route', [], 'OPTIONS'],
  ])('%s is not answered by the mock', (_case, routes, method) => {
    expect(restApiPreflight(cors, { method }, routes)).toBeUndefined();
  });
});

describe('preflightReply', () => {
  it('answers only for an API with CORS', () => {
    expect(preflightReply({ method: 'OPTIONS' }, [route('GET', '/a')])).toBeUndefined();
    const withCors = route('GET', '/a');
    withCors.api.cors = { allowOrigins: ['*'], allowMethods: [], allowHeaders: [] };
    expect(preflightReply({ method: 'OPTIONS' }, [withCors])?.statusCode).toBe(200);
  });
});
