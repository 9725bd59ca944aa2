import type { ApiGatewayV2Event } from '@app/contracts';
import { SIMULATED_API } from '../events/event-constants';
import type { GatewayRequest } from '../events/gateway-request';
import { toV2Event } from '../events/v2-event';
import { IMPLICIT_STAGES } from '../routing/api-settings';
import type { RouteMatch } from '../routing/route-table';

/** Function URLs have no routes or stages: AWS fills both with `$default`. */
const DEFAULT_ROUTE_KEY = '$default';

/** The caller of an AWS_IAM function URL (the access key that signed the request). */
export interface IamCaller {
  accessKey: string;
}

/** A function URL's id as it appears in events (AWS: 32 random characters; here the function name). */
export function functionUrlId(functionName: string): string {
  return functionName.toLowerCase();
}

/**
 * The event Lambda sends for a function URL call: payload format 2.0 with `routeKey` and `stage`
 * `$default`, no `pathParameters` or `stageVariables`, `accountId` `anonymous` for AuthType NONE
 * (the caller's account and `authorizer.iam` for AWS_IAM), `apiId`/`domainPrefix` the URL id,
 * `domainName` the Host the client called. `request.rawPath` is the path after the URL's root.
 */
export function toFunctionUrlEvent(
  request: GatewayRequest,
  functionName: string,
  caller?: IamCaller,
): ApiGatewayV2Event {
  const route: RouteMatch = {
    function: functionName,
    resource: '/',
    routeKey: DEFAULT_ROUTE_KEY,
    method: 'ANY',
    payloadFormat: '2.0',
    pathParameters: null,
    api: {
      id: `function-url:${functionName}`,
      declared: false,
      kind: 'http',
      stage: IMPLICIT_STAGES.http,
      stageVariables: {},
      binaryMediaTypes: [],
    },
    stagePrefix: '',
    timeoutMs: 0,
  };
  const event = toV2Event(request, route, null);
  const id = functionUrlId(functionName);
  event.requestContext.accountId = caller ? SIMULATED_API.accountId : 'anonymous';
  event.requestContext.apiId = id;
  event.requestContext.domainPrefix = id;
  if (caller) {
    const { accountId } = SIMULATED_API;
    event.requestContext.authorizer = {
      iam: {
        accessKey: caller.accessKey,
        accountId,
        callerId: caller.accessKey,
        cognitoIdentity: null,
        principalOrgId: null,
        userArn: `arn:aws:iam::${accountId}:user/${caller.accessKey}`,
        userId: caller.accessKey,
      },
    };
  }
  return event;
}
