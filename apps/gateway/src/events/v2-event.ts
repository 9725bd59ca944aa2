import type { ApiGatewayV2Event } from '@app/contracts';
import type { RouteMatch } from '../routing/route-table';
import { encodeEventBody } from './body-encoding';
import { apiGatewayTime, SIMULATED_API, stringClaims } from './event-constants';
import { decodePath } from '../routing/decode-path';
import { CallerClaims, GatewayRequest, headerValue } from './gateway-request';
import { commaJoinedMap, queryPairs } from './query-string';

function cookiesOf(request: GatewayRequest): string[] {
  return request.headers
    .filter(([name]) => name.toLowerCase() === 'cookie')
    .flatMap(([, value]) => value.split(';'))
    .map((cookie) => cookie.trim())
    .filter((cookie) => cookie !== '');
}

/** API Gateway HTTP API (payload format 2.0) event for a routed request. */
export function toV2Event(
  request: GatewayRequest,
  route: RouteMatch,
  claims: CallerClaims | null,
): ApiGatewayV2Event {
  const headers = request.headers
    .map(([name, value]) => [name.toLowerCase(), value] as const)
    .filter(([name]) => name !== 'cookie');
  const cookies = cookiesOf(request);
  const query = commaJoinedMap(queryPairs(request.rawQueryString));
  const host = headerValue(request, 'host') ?? '';
  const { body, isBase64Encoded } = encodeEventBody(
    request.body,
    headerValue(request, 'content-type'),
  );
  return {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath: request.rawPath,
    rawQueryString: request.rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers: commaJoinedMap(headers) ?? {},
    ...(query ? { queryStringParameters: query } : {}),
    ...(route.pathParameters ? { pathParameters: route.pathParameters } : {}),
    ...(Object.keys(route.api.stageVariables).length > 0
      ? { stageVariables: { ...route.api.stageVariables } }
      : {}),
    requestContext: {
      accountId: SIMULATED_API.accountId,
      apiId: SIMULATED_API.apiId,
      domainName: host,
      domainPrefix: host.split('.')[0].split(':')[0],
      http: {
        method: request.method,
        path: decodePath(request.rawPath),
        protocol: request.protocol,
        sourceIp: request.sourceIp,
        userAgent: headerValue(request, 'user-agent') ?? '',
      },
      requestId: request.requestId,
      routeKey: route.routeKey,
      stage: route.api.stage,
      time: apiGatewayTime(request.receivedAt),
      timeEpoch: request.receivedAt,
      ...(claims ? { authorizer: { jwt: { claims: stringClaims(claims), scopes: null } } } : {}),
    },
    ...(body !== null ? { body } : {}),
    isBase64Encoded,
  };
}
