/**
 * The authorization parts of `routing.yml`: authorizers a template declares, API keys and usage
 * plans, and what each route asks of them. Written by the SAM generator, read by the Gateway.
 * Identity sources use API Gateway's own syntax, so the file reads like the template:
 * REST `method.request.header.Authorization`, `method.request.querystring.x`, `stageVariables.x`,
 * `context.x`; HTTP API `$request.header.Authorization`, `$request.querystring.x`,
 * `$stageVariables.x`, `$context.x`.
 */
import type { PayloadFormat } from './config-files';

/** Which kind of API the authorizer belongs to: REST (`AWS::Serverless::Api`) or HTTP API. */
export type ApiKind = 'rest' | 'http';

/** A Lambda authorizer (REST TOKEN/REQUEST, HTTP API REQUEST). */
export interface LambdaAuthorizerDefinition {
  type: 'lambda';
  api: ApiKind;
  /** The authorizer function (a name in `functions.yml`). */
  function: string;
  /** REST: `TOKEN` (one header, the token alone) or `REQUEST`; HTTP API: always `REQUEST`. */
  payloadType: 'TOKEN' | 'REQUEST';
  /** HTTP API only: the event format sent to the authorizer. */
  payloadFormat?: PayloadFormat;
  /** HTTP API 2.0 only: the authorizer answers `{isAuthorized, context}` instead of a policy. */
  simpleResponses?: boolean;
  /** Empty for a REQUEST authorizer without identity sources (then never cached). */
  identitySource: string[];
  /** TOKEN only: a regular expression the token must match, else 401 without invoking. */
  validationExpression?: string;
  /** Seconds a decision is cached per identity (0: every request invokes the authorizer). */
  ttlSeconds: number;
}

/** A JWT authorizer: HTTP API `JwtConfiguration`, or a REST API's Cognito user pool authorizer. */
export interface JwtAuthorizerDefinition {
  type: 'jwt';
  api: ApiKind;
  /** Accepted `iss` values (a Cognito authorizer may name several user pools). */
  issuers: string[];
  /** HTTP API: `aud` (or `client_id`) must be one of these. REST Cognito: not checked (AWS). */
  audience: string[];
  identitySource: string[];
  /** REST Cognito only: the token must match this regular expression. */
  validationExpression?: string;
}

/** An authorizer the Gateway cannot run (AWS_IAM, an authorizer function outside the template). */
export interface UnsupportedAuthorizerDefinition {
  type: 'unsupported';
  reason: string;
}

export type AuthorizerDefinition =
  LambdaAuthorizerDefinition | JwtAuthorizerDefinition | UnsupportedAuthorizerDefinition;

/** Requests per second (`rateLimit`, the refill) and bucket size (`burstLimit`), as API Gateway. */
export interface ThrottleDefinition {
  rateLimit: number;
  burstLimit: number;
}

export interface QuotaDefinition {
  limit: number;
  period: 'DAY' | 'WEEK' | 'MONTH';
  /** Requests already used in the first period (AWS's `Offset`). */
  offset?: number;
}

/** What a route asks for besides its function. */
export interface RouteAuthDefinition {
  /** A key of `authorizers`; absent: the template leaves the route unprotected. */
  authorizer?: string;
  /** OAuth scopes the token must carry one of (JWT / Cognito `AuthorizationScopes`). */
  scopes?: string[];
  /** The API key must name an enabled key of a usage plan of this route's API. */
  apiKeyRequired?: boolean;
  /**
   * Where the key comes from (the API's `ApiKeySourceType`): `HEADER` (default) the `x-api-key`
   * header only; `AUTHORIZER` the Lambda authorizer's `usageIdentifierKey` only.
   */
  apiKeySource?: ApiKeySource;
}

export type ApiKeySource = 'HEADER' | 'AUTHORIZER';

export interface ApiKeyDefinition {
  /** Logical id of the key (`AWS::ApiGateway::ApiKey`, or SAM's generated one). */
  id: string;
  /** The key itself; `${VAR}` is read from the Gateway's environment. Never logged. */
  value: string;
  enabled: boolean;
}

/** A usage plan's throttle for one method of one API (`ApiStages[].Throttle['/path/METHOD']`). */
export interface MethodThrottleDefinition {
  api: string;
  /** The route's path as in `routes` (`/pets/{id}`). */
  path: string;
  method: string;
  throttle: ThrottleDefinition;
}

export interface UsagePlanDefinition {
  id: string;
  /** API logical ids the plan covers (`ApiStages[].ApiId`). */
  apis: string[];
  /** Key ids (`UsagePlanKey`s) in the plan. */
  apiKeys: string[];
  throttle?: ThrottleDefinition;
  /** Per key, these methods spend from their own bucket instead of the plan-wide `throttle`. */
  methodThrottles?: MethodThrottleDefinition[];
  quota?: QuotaDefinition;
}
