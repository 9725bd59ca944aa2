/** API Gateway REST API (payload format 1.0) proxy event and result, as AWS documents them. */

export type StringMap = Record<string, string>;
export type MultiValueMap = Record<string, string[]>;

export interface ApiGatewayAuthorizerContext {
  claims?: Record<string, string | number | boolean>;
  principalId?: string;
  [key: string]: unknown;
}

export interface ApiGatewayV1RequestIdentity {
  sourceIp: string;
  userAgent: string | null;
  accessKey: string | null;
  accountId: string | null;
  apiKey: string | null;
  caller: string | null;
  cognitoIdentityId: string | null;
  cognitoIdentityPoolId: string | null;
  user: string | null;
  userArn: string | null;
}

export interface ApiGatewayV1RequestContext {
  accountId: string;
  apiId: string;
  resourceId: string;
  resourcePath: string;
  httpMethod: string;
  path: string;
  protocol: string;
  stage: string;
  requestId: string;
  extendedRequestId: string;
  requestTime: string;
  requestTimeEpoch: number;
  domainName: string;
  identity: ApiGatewayV1RequestIdentity;
  authorizer: ApiGatewayAuthorizerContext | null;
}

export interface ApiGatewayV1Event {
  resource: string;
  path: string;
  httpMethod: string;
  headers: StringMap | null;
  multiValueHeaders: MultiValueMap | null;
  queryStringParameters: StringMap | null;
  multiValueQueryStringParameters: MultiValueMap | null;
  pathParameters: StringMap | null;
  stageVariables: StringMap | null;
  requestContext: ApiGatewayV1RequestContext;
  body: string | null;
  isBase64Encoded: boolean;
}

export interface ApiGatewayV1Result {
  statusCode?: number;
  headers?: Record<string, string | number | boolean>;
  multiValueHeaders?: Record<string, Array<string | number | boolean>>;
  body?: string;
  isBase64Encoded?: boolean;
}
