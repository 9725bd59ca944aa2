import type { AuthorizerDefinition, RouteAuthDefinition } from '@app/contracts';
import { ApiAuth, ApiAuthorizer, throttleFor } from './api-auth';
import { IssueList } from './diagnostics';
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

/** The authorizer a route uses: its event's `Auth.Authorizer`, else the API's default. */
function chosenAuthorizer(
  route: RouteSpec,
  api: ApiAuth,
  eventAuth: Fields,
  issues: IssueList,
): [string, ApiAuthorizer] | undefined {
  if (eventAuth.Authorizer !== undefined && typeof eventAuth.Authorizer !== 'string') {
    issues.error(
      [...eventPath(route), 'Auth', 'Authorizer'],
      'Auth.Authorizer must be a string',
      route.logicalId,
    );
    return undefined;
  }
  const own = eventAuth.Authorizer;
  const name = own ?? api.defaultAuthorizer;
  if (name === undefined || name === NO_AUTHORIZER) return undefined;
  if (name === IAM_AUTHORIZER) {
    issues.ignored(
      own ? [...eventPath(route), 'Auth', 'Authorizer'] : [...api.path, 'DefaultAuthorizer'],
      `AWS_IAM authorization of ${route.method} ${route.path}`,
      "no IAM here; the route needs the Gateway's own login",
      own ? route.logicalId : api.logicalId,
    );
    return [name, IAM_DEFINITION];
  }
  const authorizer = api.authorizers.get(name);
  if (authorizer) return [name, authorizer];
  if (api.declaredAuthorizers.has(name)) return undefined;
  issues.error(
    own ? [...eventPath(route), 'Auth', 'Authorizer'] : [...api.path, 'DefaultAuthorizer'],
    `authorizer '${name}' is not defined in ${api.logicalId}'s Auth.Authorizers`,
    own ? route.logicalId : api.logicalId,
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
  const withAuth = routes.map((route): RouteSpec => {
    const api = route.api !== undefined ? apis.get(route.api) : undefined;
    if (!api) return route;
    const eventAuth = isRecord(route.eventAuth) ? route.eventAuth : {};
    const auth: RouteAuthDefinition = {};
    const chosen = chosenAuthorizer(route, api, eventAuth, issues);
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
    } else if (apiKeyRequired) auth.apiKeyRequired = true;
    const throttle = throttleFor(api, route.method, route.path);
    return {
      ...route,
      ...(Object.keys(auth).length > 0 ? { auth } : {}),
      ...(throttle ? { throttle } : {}),
    };
  });
  return { routes: withAuth, authorizers };
}
