import { createContext } from './context';

describe('createContext', () => {
  const env = {
    AWS_LAMBDA_FUNCTION_NAME: 'orders',
    AWS_LAMBDA_FUNCTION_VERSION: '3',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
    AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/orders',
    AWS_LAMBDA_LOG_STREAM_NAME: '2026/11/28/[3]abc',
  };

  it('fills Lambda context fields from the invocation and the environment', () => {
    let now = 1_000;
    const context = createContext(
      {
        requestId: 'r1',
        deadlineMs: 4_000,
        invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:orders',
        clientContext: '{"custom":{"k":"v"}}',
        cognitoIdentity: '{"cognitoIdentityId":"id-1"}',
      },
      env,
      () => now,
    );
    expect(context).toMatchObject({
      awsRequestId: 'r1',
      functionName: 'orders',
      functionVersion: '3',
      memoryLimitInMB: '256',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:orders',
      logGroupName: '/aws/lambda/orders',
      logStreamName: '2026/11/28/[3]abc',
      callbackWaitsForEmptyEventLoop: true,
      clientContext: { custom: { k: 'v' } },
      identity: { cognitoIdentityId: 'id-1' },
    });
    expect(context.getRemainingTimeInMillis()).toBe(3_000);
    now = 5_000;
    expect(context.getRemainingTimeInMillis()).toBe(0);
  });

  it('leaves client context and identity out when absent or unreadable', () => {
    const context = createContext(
      { requestId: 'r', deadlineMs: 0, invokedFunctionArn: '', clientContext: '{bad' },
      {},
      () => 0,
    );
    expect(context.clientContext).toBeUndefined();
    expect(context.identity).toBeUndefined();
    expect(context.memoryLimitInMB).toBe('128');
  });
});
