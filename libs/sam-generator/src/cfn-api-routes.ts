import { TemplateError } from './diagnostics';
import { TemplateResource } from './intrinsics';
import { RouteSpec } from './model';
import { ApiContext } from './api-definitions';
import { defaultRoutes, lambdaTarget, PlaceReporter } from './openapi-routes';
import { templateText } from './template-text';

type Resources = Record<string, TemplateResource>;

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'];

/** Resolved properties of a resource; reports and returns undefined when they do not resolve. */
function resolvedProperties(
  logicalId: string,
  resource: TemplateResource,
  context: ApiContext,
): Record<string, unknown> | undefined {
  const path = ['Resources', logicalId, 'Properties'];
  try {
    return context.resolver.resolve(resource.Properties ?? {}, path) as Record<string, unknown>;
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    context.issues.error(error.path, error.message, logicalId);
    return undefined;
  }
}

/**
 * The path of an `AWS::ApiGateway::Resource` id: `<RestApi>.RootResourceId` is `/`, a resource's
 * path is its parent's plus its `PathPart`. `undefined` (reported) for a broken tree.
 */
function resourcePath(
  id: string,
  resources: Resources,
  context: ApiContext,
  report: PlaceReporter,
  seen = new Set<string>(),
): string | undefined {
  if (id.endsWith('.RootResourceId')) return '';
  const resource = resources[id];
  if (resource?.Type !== 'AWS::ApiGateway::Resource' || seen.has(id)) {
    report.error(
      `ResourceId '${id}' is not an AWS::ApiGateway::Resource of this template`,
      'ResourceId',
    );
    return undefined;
  }
  seen.add(id);
  const properties = resolvedProperties(id, resource, context);
  if (!properties) return undefined;
  const parent = resourcePath(String(properties.ParentId), resources, context, report, seen);
  return parent === undefined ? undefined : `${parent}/${String(properties.PathPart)}`;
}

/** A method/route resource's resolved properties and a reporter placed at them, naming its API. */
function propertiesWithReporter(
  logicalId: string,
  resource: TemplateResource,
  context: ApiContext,
  apiProperty: 'RestApiId' | 'ApiId',
): { properties?: Record<string, unknown>; report: PlaceReporter } {
  const properties = resolvedProperties(logicalId, resource, context);
  const report = new PlaceReporter(context.issues, {
    logicalId,
    api: String(properties?.[apiProperty]),
    path: ['Resources', logicalId, 'Properties'],
  });
  return { properties, report };
}

/** What SAM's event `Auth` says, in a raw method's or route's words (read by `applyRouteAuth`). */
type RawAuth = { Authorizer?: string; ApiKeyRequired?: boolean; AuthorizationScopes?: string[] };

/**
 * A REST method's `AuthorizationType` (`NONE`, `CUSTOM` / `COGNITO_USER_POOLS` with `AuthorizerId`,
 * `AWS_IAM`), `ApiKeyRequired` and `AuthorizationScopes`, or an HTTP API route's (`NONE`, `JWT` /
 * `CUSTOM` with `AuthorizerId`, `AWS_IAM`). `undefined` (reported) when it cannot be read.
 */
function rawAuth(
  properties: Record<string, unknown>,
  kind: 'rest' | 'http',
  report: PlaceReporter,
): RawAuth | undefined {
  const type = templateText(properties.AuthorizationType ?? 'NONE').toUpperCase();
  const byAuthorizer = kind === 'rest' ? ['CUSTOM', 'COGNITO_USER_POOLS'] : ['CUSTOM', 'JWT'];
  const auth: RawAuth = {};
  if (
    kind === 'rest' &&
    (properties.ApiKeyRequired === true || properties.ApiKeyRequired === 'true')
  ) {
    auth.ApiKeyRequired = true;
  }
  if (properties.AuthorizationScopes !== undefined) {
    auth.AuthorizationScopes = [properties.AuthorizationScopes]
      .flat()
      .map((scope) => templateText(scope));
  }
  if (type === 'NONE') return auth;
  if (type === 'AWS_IAM') return { ...auth, Authorizer: 'AWS_IAM' };
  if (!byAuthorizer.includes(type)) {
    report.error(
      `AuthorizationType must be NONE, AWS_IAM, ${byAuthorizer.join(' or ')}`,
      'AuthorizationType',
    );
    return undefined;
  }
  if (properties.AuthorizerId === undefined) {
    report.error(`AuthorizationType ${type} needs AuthorizerId`, 'AuthorizationType');
    return undefined;
  }
  return { ...auth, Authorizer: templateText(properties.AuthorizerId) };
}

function restMethodRoutes(
  logicalId: string,
  resource: TemplateResource,
  resources: Resources,
  context: ApiContext,
): RouteSpec[] {
  const { properties, report } = propertiesWithReporter(logicalId, resource, context, 'RestApiId');
  if (!properties) return [];
  const method = String(properties.HttpMethod).toUpperCase();
  if (!METHODS.includes(method)) {
    report.error(`unknown HttpMethod '${String(properties.HttpMethod)}'`, 'HttpMethod');
    return [];
  }
  const path = resourcePath(String(properties.ResourceId), resources, context, report);
  if (path === undefined) return [];
  const routePath = path || '/';
  const integration = (properties.Integration ?? {}) as Record<string, unknown>;
  const type = templateText(integration.Type ?? '').toUpperCase();
  const what = `${method} ${routePath}`;
  if (type !== 'AWS_PROXY') {
    report.warning(
      `${what}: ${type || 'missing'} integration is not supported (only AWS_PROXY to a function of this template); the route is not served`,
      'Integration',
    );
    return [];
  }
  const target = lambdaTarget(
    integration.Uri,
    undefined,
    'rest',
    context.functions,
    report,
    ['Integration', 'Uri'],
    what,
  );
  const eventAuth = rawAuth(properties, 'rest', report);
  if (!target || !eventAuth) return [];
  return [{ ...report.route(routePath, method, target), sourcePath: report.at(), eventAuth }];
}

function httpRouteRoutes(
  logicalId: string,
  resource: TemplateResource,
  resources: Resources,
  context: ApiContext,
): RouteSpec[] {
  const { properties, report } = propertiesWithReporter(logicalId, resource, context, 'ApiId');
  if (!properties) return [];
  const routeKey = String(properties.RouteKey);
  // `$connect`, `$disconnect` and custom keys belong to WebSocket APIs (listed with their API).
  if (routeKey !== '$default' && !routeKey.includes('/')) return [];
  const target = /^integrations\/(.+)$/.exec(templateText(properties.Target ?? ''))?.[1];
  const integration = target ? resources[target] : undefined;
  if (!target || integration?.Type !== 'AWS::ApiGatewayV2::Integration') {
    report.warning(
      `${routeKey}: Target is not 'integrations/<an integration of this template>'; the route is not served`,
      'Target',
    );
    return [];
  }
  const integrationProperties = resolvedProperties(target, integration, context);
  if (!integrationProperties) return [];
  const type = templateText(integrationProperties.IntegrationType ?? '').toUpperCase();
  if (type !== 'AWS_PROXY') {
    report.warning(
      `${routeKey}: ${type} integration ${target} is not supported (only AWS_PROXY); the route is not served`,
      'Target',
    );
    return [];
  }
  const lambda = lambdaTarget(
    integrationProperties.IntegrationUri,
    integrationProperties.PayloadFormatVersion,
    'http',
    context.functions,
    new PlaceReporter(context.issues, {
      logicalId: target,
      path: ['Resources', target, 'Properties'],
    }),
    ['IntegrationUri'],
    routeKey,
  );
  const eventAuth = rawAuth(properties, 'http', report);
  if (!lambda || !eventAuth) return [];
  if (routeKey === '$default') {
    return defaultRoutes(report, lambda, 'RouteKey').map((route) => ({ ...route, eventAuth }));
  }
  const match = /^(\S+) (\/\S*)$/.exec(routeKey);
  const method = match?.[1].toUpperCase();
  if (!match || !method || !METHODS.includes(method)) {
    report.error(`RouteKey '${routeKey}' must be '$default' or '<METHOD> /<path>'`, 'RouteKey');
    return [];
  }
  return [{ ...report.route(match[2], method, lambda, 'RouteKey'), eventAuth }];
}

/** An HTTP API's quick create: `Target` on the `AWS::ApiGatewayV2::Api` is its `$default` route. */
function quickCreateRoutes(
  logicalId: string,
  resource: TemplateResource,
  context: ApiContext,
): RouteSpec[] {
  const properties = resource.Properties ?? {};
  if (properties.Target === undefined) return [];
  const resolved = resolvedProperties(logicalId, resource, context);
  if (!resolved) return [];
  const report = new PlaceReporter(context.issues, {
    logicalId,
    api: logicalId,
    path: ['Resources', logicalId, 'Properties'],
  });
  const lambda = lambdaTarget(
    resolved.Target,
    '2.0',
    'http',
    context.functions,
    report,
    ['Target'],
    '$default',
  );
  return lambda ? defaultRoutes(report, lambda, 'Target') : [];
}

/**
 * Routes of raw CloudFormation APIs: `AWS::ApiGateway::Method`s on their resource tree (REST,
 * payload 1.0) and `AWS::ApiGatewayV2::Route`s with their integrations (HTTP APIs), plus the quick
 * create `Target` of an `AWS::ApiGatewayV2::Api`. WebSocket APIs are listed as not acted on.
 */
export function cloudFormationApiRoutes(
  active: Array<[string, TemplateResource]>,
  context: ApiContext,
): RouteSpec[] {
  const resources: Resources = Object.fromEntries(active);
  return active.flatMap(([logicalId, resource]) => {
    switch (resource.Type) {
      case 'AWS::ApiGateway::Method':
        return restMethodRoutes(logicalId, resource, resources, context);
      case 'AWS::ApiGatewayV2::Route':
        return httpRouteRoutes(logicalId, resource, resources, context);
      case 'AWS::ApiGatewayV2::Api':
        if (String(resource.Properties?.ProtocolType).toUpperCase() === 'WEBSOCKET') {
          context.issues.ignored(
            ['Resources', logicalId, 'Properties', 'ProtocolType'],
            'WebSocket API',
            'not served: onpre-lambda serves REST and HTTP APIs only',
            logicalId,
          );
          return [];
        }
        return quickCreateRoutes(logicalId, resource, context);
      default:
        return [];
    }
  });
}
