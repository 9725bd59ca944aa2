import {
  FunctionDefinition,
  FunctionsFile,
  FunctionsFileDefaults,
  RoutingFile,
  type ApiDefinition,
  type ApiKeyDefinition,
  type FunctionUrlDefinition,
  type AuthorizerDefinition,
  type UsagePlanDefinition,
} from '@app/contracts';
import yaml from 'js-yaml';
import { GENERATED_NOTICE } from './dockerfile';
import { FunctionSpec, ImageOptions, RouteSpec } from './model';

/** Whether a file starts with the notice every generated file carries (safe to delete or overwrite). */
export function isGeneratedFile(text: string): boolean {
  return text.startsWith(`# ${GENERATED_NOTICE} `);
}

/** Build context of a function, relative to the output directory. */
export function functionDirectory(functionName: string): string {
  return `functions/${functionName}`;
}

/** `onpre-lambda/fn-<function name, lower case>:latest` (Docker repositories are lower case). */
export function imageName(functionName: string, options: ImageOptions): string {
  const repository = `${options.prefix}${functionName.toLowerCase().replace(/[^a-z0-9._-]/g, '-')}`;
  return `${repository}:${options.tag}`;
}

/**
 * Template values as literals for the Manager, which expands `${FUNCTION_ENV_…}` in functions.yml:
 * `${` is written `$${`, so a template can never make the Manager read its environment.
 */
function literalForManager(value: string): string {
  return value.replace(/\$\{/g, '$$${');
}

function sortedLiterals(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(record)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, value]) => [name, literalForManager(value)]),
  );
}

/** What `routing.yml` holds: the routes and the auth sections they refer to (all but routes optional). */
export interface RoutingSection {
  routes: RouteSpec[];
  authorizers?: Record<string, AuthorizerDefinition>;
  apiKeys?: ApiKeyDefinition[];
  usagePlans?: UsagePlanDefinition[];
  apis?: Record<string, ApiDefinition>;
  functionUrls?: Record<string, FunctionUrlDefinition>;
}

function sortedByKey<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(
    Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
}

function dump(header: string, document: object): string {
  return `# ${header}\n${yaml.dump(document, { lineWidth: -1, noRefs: true, sortKeys: false })}`;
}

function renderSchedules(functions: FunctionSpec[]): Pick<FunctionsFile, 'schedules'> {
  const schedules = functions.flatMap((fn) => fn.schedules ?? []);
  if (schedules.length === 0) return {};
  return {
    schedules: Object.fromEntries(
      schedules.map(({ name, path: _path, logicalId: _id, ...definition }) => [name, definition]),
    ),
  };
}

export function renderFunctionsFile(
  functions: FunctionSpec[],
  options: ImageOptions,
  templateFile: string,
  defaults?: FunctionsFileDefaults,
): string {
  const byName = [...functions].sort((a, b) => (a.name < b.name ? -1 : 1));
  const file: FunctionsFile = {
    ...(defaults ? { defaults } : {}),
    functions: Object.fromEntries(
      byName.map((fn): [string, FunctionDefinition] => [
        fn.name,
        {
          image: fn.image?.kind === 'uri' ? fn.image.uri : imageName(fn.name, options),
          ...(fn.handler ? { handler: fn.handler } : {}),
          ...(fn.runtime ? { runtime: fn.runtime } : {}),
          timeout: fn.timeout,
          memorySize: fn.memorySize,
          ...(fn.reservedConcurrency !== undefined
            ? { reservedConcurrency: fn.reservedConcurrency }
            : {}),
          ...(fn.provisionedConcurrency
            ? { provisionedConcurrency: fn.provisionedConcurrency }
            : {}),
          environment: sortedLiterals(fn.environment),
          ...(fn.async && Object.keys(fn.async).length > 0 ? { async: fn.async } : {}),
        },
      ]),
    ),
    ...renderSchedules(byName),
  };
  return dump(`${GENERATED_NOTICE} ${templateFile}. Do not edit.`, file);
}

/** `routes` must already be in match order (see `compareRoutes`). */
export function renderRoutingFile(section: RoutingSection, templateFile: string): string {
  const { routes, authorizers, apiKeys, usagePlans, apis, functionUrls } = section;
  const file: RoutingFile = {
    routes: routes.map((route) => ({
      path: route.path,
      method: route.method,
      function: route.function,
      payloadFormat: route.payloadFormat,
      ...(route.api ? { api: route.api } : {}),
      ...(route.auth ? { auth: route.auth } : {}),
      ...(route.throttle ? { throttle: route.throttle } : {}),
      ...(route.timeoutMs !== undefined ? { timeoutMs: route.timeoutMs } : {}),
    })),
    ...(Object.keys(authorizers ?? {}).length > 0
      ? { authorizers: sortedByKey(authorizers!) }
      : {}),
    ...(apiKeys?.length ? { apiKeys } : {}),
    ...(usagePlans?.length ? { usagePlans } : {}),
    ...(apis && Object.keys(apis).length > 0 ? { apis: sortedByKey(apis) } : {}),
    ...(functionUrls && Object.keys(functionUrls).length > 0
      ? { functionUrls: sortedByKey(functionUrls) }
      : {}),
  };
  return dump(`${GENERATED_NOTICE} ${templateFile}. First match wins. Do not edit.`, file);
}
