import type { ManagerEnv } from './manager-env';

/** Endpoints, region and credentials every function container gets, under the AWS SDKs' names. */
export function injectedEnvironment(env: ManagerEnv): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_S3: env.FUNCTION_AWS_ENDPOINT_URL_S3,
    AWS_ENDPOINT_URL_DYNAMODB: env.FUNCTION_AWS_ENDPOINT_URL_DYNAMODB,
    AWS_ENDPOINT_URL_LAMBDA: env.FUNCTION_AWS_ENDPOINT_URL_LAMBDA,
    AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: env.FUNCTION_AWS_ENDPOINT_URL_CLOUDWATCH_LOGS,
    AWS_REGION: env.FUNCTION_AWS_REGION,
    AWS_DEFAULT_REGION: env.FUNCTION_AWS_REGION,
    AWS_ACCESS_KEY_ID: env.FUNCTION_AWS_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: env.FUNCTION_AWS_SECRET_ACCESS_KEY,
  };
}
