/** API Gateway HTTP API (payload format 2.0) event and result, as AWS documents them. */
import type { StringMap } from './api-gateway-v1';

export interface ApiGatewayV2RequestContext {
  accountId: string;
  apiId: string;
  domainName: string;
  domainPrefix: string;
  http: {
    method: string;
    path: string;
    protocol: string;
    sourceIp: string;
    userAgent: string;
  };
  requestId: string;
  routeKey: string;
  stage: string;
  time: string;
  timeEpoch: number;
  authorizer?: {
    jwt?: { claims: Record<string, string | number | boolean>; scopes: string[] | null };
    /** A Lambda authorizer's `context`. */
    lambda?: Record<string, unknown>;
    principalId?: string;
    /** A function URL with AuthType AWS_IAM: the signing caller. */
    iam?: {
      accessKey: string;
      accountId: string;
      callerId: string;
      cognitoIdentity: null;
      principalOrgId: null;
      userArn: string;
      userId: string;
    };
  };
}

export interface ApiGatewayV2Event {
  version: '2.0';
  routeKey: string;
  rawPath: string;
  rawQueryString: string;
  cookies?: string[];
  headers: StringMap;
  queryStringParameters?: StringMap;
  pathParameters?: StringMap;
  stageVariables?: StringMap;
  requestContext: ApiGatewayV2RequestContext;
  body?: string;
  isBase64Encoded: boolean;
}

/**
 * A v2 function may return a structured result or any JSON value; a value that is not an object
 * with `statusCode` is sent as a 200 JSON body (AWS's inference rule).
 */
export interface ApiGatewayV2StructuredResult {
  statusCode?: number;
  headers?: Record<string, string | number | boolean>;
  cookies?: string[];
  body?: string;
  isBase64Encoded?: boolean;
}

export type ApiGatewayV2Result =
  ApiGatewayV2StructuredResult | string | number | boolean | null | object;
