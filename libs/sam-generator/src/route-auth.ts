import type { AuthorizerDefinition, RouteAuthDefinition } from '@app/contracts';
import { ApiAuth, ApiAuthorizer, throttleFor } from './api-auth';
import { IssueList, TemplatePath } from './diagnostics';
import { RouteSpec } from './model';

/** The authorizer names with a meaning of their own in SAM. */
const NO_AUTHORIZER = 'NONE';
const IAM_AUTHORIZER = 'AWS_IAM';

type Fields = Record<string, unknown>;

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Key of an authorizer in `routing.yml`: APIs may reuse authorizer names. */
export function authorizerKey(apiLogicalId: string, name: string): string {
  return `${apiLogicalId}.${name}`;
}

const IAM_DEFINITION: ApiAuthorizer = {
  definition: { type: 'unsupported', reason: 'AWS_IAM authorization' },
};

function eventPath(route: RouteSpec): Array<string | number> {
  return ['Resources', route.logicalId, 'Properties', 'Events', route.eventId, 'Properties'];
}

/** What SAM's `AWS_IAM` authorizer becomes here, said once per event or per API default. */
const IAM_MEANING =
  "not supported: there is no IAM to check SigV4 callers against; the Gateway's own login guards these routes instead (with BUILTIN_LOGIN=false they answer 500, never open)";

/** Routes that use `AWS_IAM`, for one summary line per place it is declared. */
class IamRoutes {
  private readonly byPlace = new Map<
    string,
    { path: TemplatePath; id: string; routes: string[] }
  >();

  add(path: TemplatePath, logicalId: string, route: RouteSpec): void {
    const key = `${logicalId} ${path.join('.')}`;
    const entry = this.byPlace.get(key) ?? { path, id: logicalId, routes: [] };
    entry.routes.push(`${route.method} ${route.path}`);
    this.byPlace.set(key, entry);
  }

  report(issues: IssueList): void {
    for (const { path, id, routes } of this.byPlace.values()) {
      issues.ignored(path, `AWS_IAM authorization of ${routes.join(', ')}`, IAM_MEANING, id);
    }
  }
}

/** The authorizer a route uses: its event's `Auth.Authorizer`, else the API's default. */
function chosenAuthorizer(
  route: RouteSpec,
  api: ApiAuth,
  eventAuth: Fields,
  issues: IssueList,
  iamRoutes: IamRoutes,
): [string, ApiAuthorizer] | undefined {
  const eventAuthorizerPath = [...(route.sourcePath ?? eventPath(route)), 'Auth', 'Authorizer'];
  if (eventAuth.Authorizer !== undefined && typeof eventAuth.Authorizer !== 'string') {
    issues.error(eventAuthorizerPath, 'Auth.Authorizer must be a string', route.logicalId);
    return undefined;
  }
  const own = eventAuth.Authorizer;
  const name = own ?? api.defaultAuthorizer;
  if (name === undefined || name === NO_AUTHORIZER) return undefined;
  const [path, logicalId]: [TemplatePath, string] = own
    ? [eventAuthorizerPath, route.logicalId]
    : [[...api.path, 'DefaultAuthorizer'], api.logicalId];
  if (name === IAM_AUTHORIZER) {
    iamRoutes.add(path, logicalId, route);
    return [name, IAM_DEFINITION];
  }
  const authorizer = api.authorizers.get(name);
  if (authorizer) return [name, authorizer];
  if (api.declaredAuthorizers.has(name)) return undefined;
  issues.error(
    path,
    `authorizer '${name}' is not defined in ${api.logicalId}'s ${api.authorizersPlace ?? 'Auth.Authorizers'}`,
    logicalId,
  );
  return undefined;
}

export interface RouteAuthResult {
  routes: RouteSpec[];
  /** The authorizers the routes use, keyed by `authorizerKey`. */
  authorizers: Record<string, AuthorizerDefinition>;
}

/**
 * Ties each route to what its API and event say: the authorizer (event `Auth.Authorizer`, else
 * `DefaultAuthorizer`; `NONE` opts out), the scopes a JWT must carry (event `AuthorizationScopes`,
 * else the authorizer's), `ApiKeyRequired` (event, else API), and the stage throttle.
 */
export function applyRouteAuth(
  routes: RouteSpec[],
  apis: ReadonlyMap<string, ApiAuth>,
  issues: IssueList,
): RouteAuthResult {
  const authorizers: Record<string, AuthorizerDefinition> = {};
  const iamRoutes = new IamRoutes();
  const withAuth = routes.map((route): RouteSpec => {
    const api = route.api !== undefined ? apis.get(route.api) : undefined;
    if (!api) return route;
    const eventAuth = isRecord(route.eventAuth) ? route.eventAuth : {};
    const auth: RouteAuthDefinition = {};
    const chosen = chosenAuthorizer(route, api, eventAuth, issues, iamRoutes);
    if (chosen) {
      const [name, authorizer] = chosen;
      const key = authorizerKey(api.logicalId, name);
      authorizers[key] = authorizer.definition;
      auth.authorizer = key;
      const scopes =
        eventAuth.AuthorizationScopes !== undefined
          ? [eventAuth.AuthorizationScopes].flat().map(String)
          : authorizer.scopes;
      if (authorizer.definition.type === 'jwt' && scopes && scopes.length > 0) auth.scopes = scopes;
    }
    const apiKeyRequired =
      eventAuth.ApiKeyRequired !== undefined
        ? eventAuth.ApiKeyRequired === true
        : api.apiKeyRequired;
    if (apiKeyRequired && api.kind === 'http') {
      issues.ignored(
        [...eventPath(route), 'Auth'],
        'ApiKeyRequired',
        'HTTP APIs have no API keys',
        route.logicalId,
      );
    } else if (apiKeyRequired) {
      auth.apiKeyRequired = true;
      if (api.apiKeySource === 'AUTHORIZER') {
        auth.apiKeySource = 'AUTHORIZER';
        if (chosen?.[1].definition.type !== 'lambda') {
          issues.warning(
            eventPath(route),
            `${route.method} ${route.path} requires an API key from its authorizer (ApiKeySourceType AUTHORIZER) but has no Lambda authorizer: every call is answered 403, as on AWS`,
            route.logicalId,
          );
        }
      }
    }
    const throttle = throttleFor(api, route.method, route.path);
    return {
      ...route,
      ...(Object.keys(auth).length > 0 ? { auth } : {}),
      ...(throttle ? { throttle } : {}),
    };
  });
  iamRoutes.report(issues);
  return { routes: withAuth, authorizers };
}
