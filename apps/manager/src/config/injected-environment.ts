import type { ManagerEnv } from './manager-env';

/** Where `FUNCTION_CA_FILE` is placed in every function container. */
export const FUNCTION_CA_PATH = '/etc/onpre/ca.pem';

/**
 * Endpoints, region, credentials (and the log level and the CA file, when set) every function
 * container gets, under the names the AWS SDKs, Node.js and the Lambda runtime read.
 */
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
    ...(env.FUNCTION_LOG_LEVEL ? { AWS_LAMBDA_LOG_LEVEL: env.FUNCTION_LOG_LEVEL } : {}),
    // Added to Node's trusted CAs (the runtime and the AWS SDK in functions); see docs/manager.md.
    ...(env.FUNCTION_CA_FILE ? { NODE_EXTRA_CA_CERTS: FUNCTION_CA_PATH } : {}),
  };
}
