import {
  apiGatewayError,
  awsJsonError,
  gatewayResponse,
  lambdaServiceError,
} from './error-replies';

const document = (body: Buffer) =>
  JSON.parse(body.toString('utf8')) as Record<string, string | null>;

describe('apiGatewayError', () => {
  it.each([
    [404, undefined, 'Not Found'],
    [403, 'ignored: API Gateway words 403 itself', 'Forbidden'],
    [502, undefined, 'Internal server error'],
    [504, undefined, 'Endpoint request timed out'],
    [405, 'Method Not Allowed', 'Method Not Allowed'],
    [418, undefined, 'Error'],
  ])('%i with message %p answers {"message": %p}', (status, message, expected) => {
    const reply = apiGatewayError(status, message);
    expect(reply.statusCode).toBe(status);
    expect(reply.headers).toEqual({ 'content-type': ['application/json'] });
    expect(document(reply.body)).toEqual({ message: expected });
  });
});

describe('lambdaServiceError', () => {
  it.each([
    [400, 'InvalidParameterValueException', 'User'],
    [404, 'ResourceNotFoundException', 'User'],
    [503, 'ServiceException', 'Service'],
  ])('%i %s is a %s error with the type in x-amzn-ErrorType', (status, type, kind) => {
    const reply = lambdaServiceError(status, type, 'why');
    expect(reply.statusCode).toBe(status);
    expect(reply.headers).toEqual({
      'content-type': ['application/json'],
      'x-amzn-errortype': [type],
    });
    expect(document(reply.body)).toEqual({ Type: kind, message: 'why' });
  });
});

describe('awsJsonError', () => {
  it('answers the JSON 1.1 protocol document and header', () => {
    const reply = awsJsonError(400, 'InvalidParameterException', 'bad "name"');
    expect(reply.statusCode).toBe(400);
    expect(reply.headers).toEqual({
      'content-type': ['application/x-amz-json-1.1'],
      'x-amzn-errortype': ['InvalidParameterException'],
    });
    expect(document(reply.body)).toEqual({
      __type: 'InvalidParameterException',
      message: 'bad "name"',
    });
  });
});

describe('gatewayResponse', () => {
  const denied = 'User is not authorized to access this resource';
  it.each([
    ['unauthorized', 401, 'UnauthorizedException', { message: 'Unauthorized' }],
    ['accessDenied', 403, 'AccessDeniedException', { Message: denied }],
    ['explicitDeny', 403, 'AccessDeniedException', { Message: `${denied} with an explicit deny` }],
    ['authorizerFailure', 500, 'AuthorizerConfigurationException', { message: null }],
    ['invalidApiKey', 403, 'ForbiddenException', { message: 'Forbidden' }],
    ['throttled', 429, 'TooManyRequestsException', { message: 'Too Many Requests' }],
    ['quotaExceeded', 429, 'LimitExceededException', { message: 'Limit Exceeded' }],
  ] as const)('REST %s: %i, x-amzn-ErrorType %s, %j', (kind, status, type, body) => {
    const reply = gatewayResponse(kind, 'rest', { 'www-authenticate': 'Bearer' });
    expect(reply.statusCode).toBe(status);
    expect(reply.headers).toEqual({
      'content-type': ['application/json'],
      'x-amzn-errortype': [type],
      'www-authenticate': ['Bearer'],
    });
    expect(document(reply.body)).toEqual(body);
  });

  it.each([
    ['unauthorized', 401, 'Unauthorized'],
    ['explicitDeny', 403, 'Forbidden'],
    ['authorizerFailure', 500, 'Internal Server Error'],
    ['quotaExceeded', 429, 'Too Many Requests'],
  ] as const)('HTTP API %s: %i {"message": %p}, no error type header', (kind, status, message) => {
    const reply = gatewayResponse(kind, 'http');
    expect(reply.statusCode).toBe(status);
    expect(reply.headers).toEqual({ 'content-type': ['application/json'] });
    expect(document(reply.body)).toEqual({ message });
  });
});
