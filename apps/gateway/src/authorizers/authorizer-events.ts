import type { LambdaAuthorizerDefinition } from '@app/contracts';
import { SIMULATED_API } from '../events/event-constants';
import type { GatewayRequest } from '../events/gateway-request';
import { decodePath } from '../routing/decode-path';
import type { RouteMatch } from '../routing/route-table';
import { toV1Event } from '../events/v1-event';
import { toV2Event } from '../events/v2-event';
import { methodArn } from './iam-policy';

/** The simulated API's region in method ARNs (the account and API id are `SIMULATED_API`'s). */
export const SIMULATED_REGION = 'us-east-1';

/** `arn:aws:execute-api:…:<api>/<stage>/<METHOD>/<path>` of a request, as API Gateway forms it. */
export function requestArn(request: GatewayRequest, route: RouteMatch): string {
  return methodArn({
    region: SIMULATED_REGION,
    accountId: SIMULATED_API.accountId,
    apiId: SIMULATED_API.apiId,
    stage: route.api.stage,
    method: request.method,
    path: decodePath(request.rawPath.slice(route.stagePrefix.length)),
  });
}

/**
 * The event a Lambda authorizer is invoked with, as API Gateway sends it: REST `TOKEN`
 * (`authorizationToken` + `methodArn`), REST `REQUEST` and HTTP API 1.0 (the proxy event without a
 * body, plus `methodArn`), HTTP API 2.0 (the 2.0 event without a body, plus `routeArn` and the
 * identity values). `identity` holds the identity sources' values, in order.
 */
export function authorizerEvent(
  definition: LambdaAuthorizerDefinition,
  request: GatewayRequest,
  route: RouteMatch,
  identity: readonly string[],
): Record<string, unknown> {
  const arn = requestArn(request, route);
  if (definition.payloadType === 'TOKEN') {
    return { type: 'TOKEN', methodArn: arn, authorizationToken: identity[0] ?? '' };
  }
  if (definition.api === 'http' && definition.payloadFormat === '2.0') {
    const {
      body: _body,
      isBase64Encoded: _encoded,
      version,
      ...event
    } = toV2Event(request, route, null);
    return { version, type: 'REQUEST', routeArn: arn, identitySource: [...identity], ...event };
  }
  const { body: _body, isBase64Encoded: _encoded, ...event } = toV1Event(request, route, null);
  const http =
    definition.api === 'http'
      ? {
          version: '1.0',
          identitySource: identity.join(','),
          authorizationToken: identity.join(','),
        }
      : {};
  return { ...http, type: 'REQUEST', methodArn: arn, ...event };
}
