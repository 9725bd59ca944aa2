import type { ApiKind } from '@app/contracts';

/** The API Gateway answers the Gateway gives when a route's protection refuses a call. */
export type RefusalKind =
  | 'unauthorized'
  | 'accessDenied'
  | 'explicitDeny'
  | 'authorizerFailure'
  | 'invalidApiKey'
  | 'throttled'
  | 'quotaExceeded';

interface Answer {
  status: number;
  body: Record<string, string | null>;
  /** REST APIs name the gateway response type in `x-amzn-ErrorType`; HTTP APIs do not. */
  errorType: string;
}

/** REST API default gateway responses (see docs/authorizers.md for the AWS references). */
const REST: Record<RefusalKind, Answer> = {
  unauthorized: {
    status: 401,
    body: { message: 'Unauthorized' },
    errorType: 'UnauthorizedException',
  },
  accessDenied: {
    status: 403,
    body: { Message: 'User is not authorized to access this resource' },
    errorType: 'AccessDeniedException',
  },
  explicitDeny: {
    status: 403,
    body: { Message: 'User is not authorized to access this resource with an explicit deny' },
    errorType: 'AccessDeniedException',
  },
  authorizerFailure: {
    status: 500,
    body: { message: null },
    errorType: 'AuthorizerConfigurationException',
  },
  invalidApiKey: { status: 403, body: { message: 'Forbidden' }, errorType: 'ForbiddenException' },
  throttled: {
    status: 429,
    body: { message: 'Too Many Requests' },
    errorType: 'TooManyRequestsException',
  },
  quotaExceeded: {
    status: 429,
    body: { message: 'Limit Exceeded' },
    errorType: 'LimitExceededException',
  },
};

/** HTTP API answers: one plain message per status. */
const HTTP_MESSAGES: Record<number, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

/**
 * A refused call, thrown by the route guards and rendered by `ApiGatewayExceptionFilter`. `reason`
 * is for the Gateway's log only; the caller sees API Gateway's body and headers.
 */
export class GatewayRefusal extends Error {
  readonly status: number;
  readonly body: Record<string, string | null>;
  readonly headers: Record<string, string>;

  constructor(
    readonly kind: RefusalKind,
    api: ApiKind,
    readonly reason: string,
    headers: Record<string, string> = {},
  ) {
    super(`${kind}: ${reason}`);
    const rest = REST[kind];
    this.status = rest.status;
    if (api === 'rest') {
      this.body = rest.body;
      this.headers = { 'x-amzn-errortype': rest.errorType, ...headers };
    } else {
      this.body = { message: HTTP_MESSAGES[rest.status] };
      this.headers = headers;
    }
  }
}
