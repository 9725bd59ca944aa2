import {
  FUNCTION_URL_AUTH_TYPES,
  FUNCTION_URL_INVOKE_MODES,
  type FunctionUrlAuthType,
  type FunctionUrlDefinition,
  type FunctionUrlInvokeMode,
} from '@app/contracts';
import { readHttpCors } from './cors-config';
import { IssueList, TemplateError, TemplatePath } from './diagnostics';
import { IntrinsicResolver, TemplateResource } from './intrinsics';
import { FunctionSpec } from './model';
import { templateText } from './template-text';

/** The raw CloudFormation resource of a function URL. */
export const FUNCTION_URL_RESOURCE_TYPE = 'AWS::Lambda::Url';

type Fields = Record<string, unknown>;

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Lambda's `AllowMethods` values for a function URL (`AWS::Lambda::Url` Cors). */
const URL_CORS_METHODS = new Set(['GET', 'PUT', 'HEAD', 'POST', 'PATCH', 'DELETE', '*']);

/**
 * A `FunctionUrlConfig` (SAM) or the properties of an `AWS::Lambda::Url`: `AuthType` (required,
 * NONE | AWS_IAM), `InvokeMode` (BUFFERED default | RESPONSE_STREAM), `Cors` (the HTTP API's
 * fields; methods only GET, PUT, HEAD, POST, PATCH, DELETE or *). Throws `TemplateError` at the
 * offending key. `Qualifier` is reported by the caller.
 */
export function readFunctionUrlConfig(
  config: unknown,
  path: TemplatePath,
  what = 'FunctionUrlConfig',
): FunctionUrlDefinition {
  if (!isRecord(config)) throw new TemplateError(path, `${what} must be a mapping with AuthType`);
  if (config.AuthType === undefined)
    throw new TemplateError(path, `${what} needs AuthType (NONE or AWS_IAM)`);
  const authType = templateText(config.AuthType) as FunctionUrlAuthType;
  if (!FUNCTION_URL_AUTH_TYPES.includes(authType))
    throw new TemplateError(
      [...path, 'AuthType'],
      `AuthType must be NONE or AWS_IAM, got '${authType}'`,
    );
  const invokeMode = templateText(config.InvokeMode ?? 'BUFFERED') as FunctionUrlInvokeMode;
  if (!FUNCTION_URL_INVOKE_MODES.includes(invokeMode))
    throw new TemplateError(
      [...path, 'InvokeMode'],
      `InvokeMode must be BUFFERED or RESPONSE_STREAM, got '${invokeMode}'`,
    );
  const cors = config.Cors === undefined ? undefined : readHttpCors(config.Cors, [...path, 'Cors']);
  for (const method of cors?.allowMethods ?? []) {
    if (!URL_CORS_METHODS.has(method))
      throw new TemplateError(
        [...path, 'Cors', 'AllowMethods'],
        `'${method}' is not a function URL method (GET, PUT, HEAD, POST, PATCH, DELETE or *)`,
      );
  }
  return { authType, invokeMode, ...(cors ? { cors } : {}) };
}

/** The function an `AWS::Lambda::Url`'s `TargetFunctionArn` names (an ARN or a plain name). */
function targetName(value: unknown): string {
  const text = templateText(value);
  const arn = /^arn:aws[a-z-]*:lambda:[^:]*:[^:]*:function:([^:]+)(:[^:]+)?$/.exec(text);
  return arn ? arn[1] : text;
}

/**
 * Every function URL of the template, keyed by function name: the functions' own
 * `FunctionUrlConfig` (read with the function) and each `AWS::Lambda::Url` resource. A URL for a
 * function the template does not define, or a second URL for one function, is an error.
 */
export function readFunctionUrls(
  resources: Array<[string, TemplateResource]>,
  functions: FunctionSpec[],
  resolver: IntrinsicResolver,
  issues: IssueList,
): Record<string, FunctionUrlDefinition> {
  const urls: Record<string, FunctionUrlDefinition> = {};
  for (const fn of functions) if (fn.functionUrl) urls[fn.name] = fn.functionUrl;
  const names = new Set(functions.map((fn) => fn.name));
  for (const [logicalId, resource] of resources) {
    if (resource.Type !== FUNCTION_URL_RESOURCE_TYPE) continue;
    const base = ['Resources', logicalId, 'Properties'];
    try {
      const properties = resolver.resolve(resource.Properties ?? {}, base) as Fields;
      if (properties.TargetFunctionArn === undefined)
        throw new TemplateError(base, 'AWS::Lambda::Url needs TargetFunctionArn');
      const name = targetName(properties.TargetFunctionArn);
      const targetPath = [...base, 'TargetFunctionArn'];
      if (!names.has(name))
        throw new TemplateError(targetPath, `no function '${name}' in this template`);
      if (urls[name])
        throw new TemplateError(targetPath, `function '${name}' already has a function URL`);
      if (properties.Qualifier !== undefined)
        issues.ignored(
          [...base, 'Qualifier'],
          'Qualifier',
          'one version of the function is served: the URL invokes $LATEST',
          logicalId,
        );
      urls[name] = readFunctionUrlConfig(properties, base, FUNCTION_URL_RESOURCE_TYPE);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      issues.error(error.path, error.message, logicalId);
    }
  }
  return urls;
}
