import { DevSettings, Environment } from './settings';

/** Where the embedded services and the Gateway relay actually listen (ports known after listen). */
export interface HostServices {
  /** The Lambda network's gateway address: the host as its containers see it. */
  hostIp: string;
  s3Port?: number;
  dynamodbPort?: number;
  relayPort?: number;
}

/** The apps log warnings and errors only, so the ready banner stays readable; LOG_LEVEL=info for more. */
export const DEV_LOG_LEVEL = 'warn';

/** The endpoints the Manager injects into functions: the user's, else the embedded ones. */
export function functionEndpoints(
  settings: DevSettings,
  host: HostServices,
): Record<string, string> {
  const local = (port: number | undefined, path = '') =>
    port === undefined ? undefined : `http://${host.hostIp}:${port}${path}`;
  const endpoints = {
    FUNCTION_AWS_ENDPOINT_URL_S3: settings.external.s3 ?? local(host.s3Port),
    FUNCTION_AWS_ENDPOINT_URL_DYNAMODB: settings.external.dynamodb ?? local(host.dynamodbPort),
    FUNCTION_AWS_ENDPOINT_URL_LAMBDA: settings.external.lambda ?? local(host.relayPort),
    FUNCTION_AWS_ENDPOINT_URL_CLOUDWATCH_LOGS:
      settings.external.logs ?? local(host.relayPort, settings.cloudWatchLogsPath),
  };
  return Object.fromEntries(
    Object.entries(endpoints).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** The Manager's environment: the caller's, plus the generated functions file and dev-mode wiring. */
export function managerEnvironment(
  env: Environment,
  settings: DevSettings,
  functionsFile: string,
  host: HostServices,
): Environment {
  return {
    LOG_LEVEL: DEV_LOG_LEVEL,
    ...env,
    FUNCTIONS_FILE: functionsFile,
    MANAGER_PORT: String(settings.managerPort),
    MANAGER_INSTANCE: settings.managerInstance,
    LAMBDA_NETWORK: settings.lambdaNetwork,
    // Containers must reach the host (embedded services, relay) and the Gateway must reach them.
    ADDRESS_MODE: 'published',
    ...functionEndpoints(settings, host),
  };
}

/** The Gateway's environment: loopback only (containers come through the relay), generated routes. */
export function gatewayEnvironment(
  env: Environment,
  settings: DevSettings,
  routingFile: string,
): Environment {
  return {
    LOG_LEVEL: DEV_LOG_LEVEL,
    ...env,
    ROUTING_FILE: routingFile,
    GATEWAY_PORT: String(settings.gatewayPort),
    GATEWAY_HOST: env.GATEWAY_HOST || '127.0.0.1',
    MANAGER_URL: `http://127.0.0.1:${settings.managerPort}`,
  };
}
