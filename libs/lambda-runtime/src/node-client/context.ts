/** The fields of Lambda's node `context` object that come from the invocation and environment. */
export interface InvocationFacts {
  requestId: string;
  deadlineMs: number;
  invokedFunctionArn: string;
  clientContext?: string;
  cognitoIdentity?: string;
}

export interface LambdaContext {
  awsRequestId: string;
  functionName: string;
  functionVersion: string;
  memoryLimitInMB: string;
  invokedFunctionArn: string;
  logGroupName: string;
  logStreamName: string;
  callbackWaitsForEmptyEventLoop: boolean;
  clientContext?: unknown;
  identity?: unknown;
  getRemainingTimeInMillis(): number;
}

function parsedJson(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function createContext(
  facts: InvocationFacts,
  env: Record<string, string | undefined>,
  now: () => number,
): LambdaContext {
  return {
    awsRequestId: facts.requestId,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME ?? '',
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION ?? '$LATEST',
    // Lambda gives the memory limit as a string.
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '128',
    invokedFunctionArn: facts.invokedFunctionArn,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME ?? '',
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME ?? '',
    callbackWaitsForEmptyEventLoop: true,
    clientContext: parsedJson(facts.clientContext),
    identity: parsedJson(facts.cognitoIdentity),
    getRemainingTimeInMillis: () => Math.max(0, facts.deadlineMs - now()),
  };
}
