/**
 * Lambda function URLs in `routing.yml` (`functionUrls`, keyed by function name): written by the
 * SAM generator from `FunctionUrlConfig` / `AWS::Lambda::Url`, served by the Gateway at
 * `/lambda-url/<function>/…` and on the host `<function>.lambda-url.<any domain>` (docs/gateway.md
 * "Function URLs").
 */
import type { CorsDefinition } from './routing-apis';

/** `NONE`: anyone may call; `AWS_IAM`: SigV4-signed with the functions' credentials. */
export type FunctionUrlAuthType = 'NONE' | 'AWS_IAM';
/** `BUFFERED`: the result as one response; `RESPONSE_STREAM`: written to the client as it streams. */
export type FunctionUrlInvokeMode = 'BUFFERED' | 'RESPONSE_STREAM';

export const FUNCTION_URL_AUTH_TYPES: readonly FunctionUrlAuthType[] = ['NONE', 'AWS_IAM'];
export const FUNCTION_URL_INVOKE_MODES: readonly FunctionUrlInvokeMode[] = [
  'BUFFERED',
  'RESPONSE_STREAM',
];

export interface FunctionUrlDefinition {
  authType: FunctionUrlAuthType;
  invokeMode: FunctionUrlInvokeMode;
  /** The URL's `Cors` (same fields as an HTTP API's `CorsConfiguration`). */
  cors?: CorsDefinition;
}

/** The path prefix of function URLs on the Gateway: `/lambda-url/<function>/<path>`. */
export const FUNCTION_URL_PATH_PREFIX = '/lambda-url/';
/** The host label that marks a function URL host: `<function>.lambda-url.<domain>`. */
export const FUNCTION_URL_HOST_LABEL = 'lambda-url';
