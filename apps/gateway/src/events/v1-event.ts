import type { ApiGatewayV1Event } from '@app/contracts';
import type { RouteMatch } from '../routing/route-table';
import { restEventBody } from './binary-media';
import { encodeEventBody } from './body-encoding';
import { apiGatewayTime, SIMULATED_API, stringClaims } from './event-constants';
import { decodePath } from '../routing/decode-path';
import { CallerClaims, GatewayRequest, headerValue } from './gateway-request';
import { lastValueMap, multiValueMap, queryPairs } from './query-string';

/** API Gateway REST API (payload format 1.0) proxy event for a routed request. */
export function toV1Event(
  request: GatewayRequest,
  route: RouteMatch,
  claims: CallerClaims | null,
): ApiGatewayV1Event {
  const query = queryPairs(request.rawQueryString);
  // A REST API passes the path as sent (`/items/a%20b`); an HTTP API decodes it.
  const rawPath = request.rawPath.slice(route.stagePrefix.length);
  const path = route.api.kind === 'http' ? decodePath(rawPath) : rawPath;
  const variables = route.api.stageVariables;
  // A REST API decides by its binary media types; an HTTP API (payload 1.0 too) by its own rule.
  const { body, isBase64Encoded } =
    route.api.kind === 'rest' && route.api.declared
      ? restEventBody(request, route.api.binaryMediaTypes)
      : encodeEventBody(request.body, headerValue(request, 'content-type'));
  return {
    resource: route.resource,
    path,
    httpMethod: request.method,
    headers: lastValueMap(request.headers),
    multiValueHeaders: multiValueMap(request.headers),
    queryStringParameters: lastValueMap(query),
    multiValueQueryStringParameters: multiValueMap(query),
    pathParameters: route.pathParameters,
    stageVariables: Object.keys(variables).length > 0 ? { ...variables } : null,
    requestContext: {
      accountId: SIMULATED_API.accountId,
      apiId: SIMULATED_API.apiId,
      resourceId: route.resource,
      resourcePath: route.resource,
      httpMethod: request.method,
      path: `${route.stagePrefix}${path}`,
      protocol: request.protocol,
      stage: route.api.stage,
      requestId: request.requestId,
      extendedRequestId: request.requestId,
      requestTime: apiGatewayTime(request.receivedAt),
      requestTimeEpoch: request.receivedAt,
      domainName: headerValue(request, 'host') ?? '',
      identity: {
        sourceIp: request.sourceIp,
        userAgent: headerValue(request, 'user-agent') ?? null,
        accessKey: null,
        accountId: null,
        apiKey: null,
        caller: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        user: null,
        userArn: null,
      },
      authorizer: claims ? { claims: stringClaims(claims) } : null,
    },
    body,
    isBase64Encoded,
  };
}
