import type { ApiDefinition, PayloadFormat } from '@app/contracts';
import type { RouteSecurity, SecuredRoute } from './route-security';
import { decodePath } from './decode-path';
import { requestDataMap } from '@app/platform';
import { integrationTimeoutMs, resolveApi, type ResolvedApi } from './api-settings';

type Segment =
  | { kind: 'literal'; text: string }
  | { kind: 'param'; name: string }
  | { kind: 'greedy'; name: string };

interface CompiledRoute {
  definition: SecuredRoute;
  method: string;
  segments: Segment[];
  api: ResolvedApi;
}

export interface RouteMatch {
  function: string;
  /** The route's path template, e.g. `/users/{id}` (the event's `resource`). */
  resource: string;
  /** The route as written, upper-cased method: `GET /users/{id}` (the v2 `routeKey`). */
  routeKey: string;
  /** The method the route was declared with (`ANY` included). */
  method: string;
  payloadFormat: PayloadFormat;
  /**
   * Path parameters as API Gateway passes them: a REST API's percent-encoded as sent
   * (`a%20b`), an HTTP API's decoded (`a b`).
   */
  pathParameters: Record<string, string> | null;
  /** What the template asks of callers of this route (absent: nothing). */
  security?: RouteSecurity;
  api: ResolvedApi;
  /** `/<stage>` when the request named the stage in its path (`/Prod/users`), else ''. */
  stagePrefix: string;
  /** How long the Gateway waits for the function before answering the integration timeout. */
  timeoutMs: number;
}

function compileSegment(text: string): Segment {
  const greedy = /^\{([A-Za-z0-9_]+)\+\}$/.exec(text);
  if (greedy) return { kind: 'greedy', name: greedy[1] };
  const param = /^\{([A-Za-z0-9_]+)\}$/.exec(text);
  if (param) return { kind: 'param', name: param[1] };
  return { kind: 'literal', text };
}

function pathSegments(path: string): string[] {
  return path.split('/').slice(1);
}

function matchSegments(
  segments: Segment[],
  rawSegments: string[],
  decodeParameters: boolean,
): Record<string, string> | undefined {
  const parameters = requestDataMap<string>();
  const valueOf = (raw: string) => (decodeParameters ? decodePath(raw) : raw);
  for (let index = 0; index < segments.length; index += 1) {
    const segment = segments[index];
    if (segment.kind === 'greedy') {
      const rest = rawSegments.slice(index).map(valueOf).join('/');
      if (rest === '') return undefined;
      parameters[segment.name] = rest;
      return parameters;
    }
    if (index >= rawSegments.length) return undefined;
    const raw = rawSegments[index];
    if (segment.kind === 'literal' && segment.text !== decodePath(raw)) return undefined;
    if (segment.kind === 'param') {
      if (raw === '') return undefined;
      parameters[segment.name] = valueOf(raw);
    }
  }
  return rawSegments.length === segments.length ? parameters : undefined;
}

function compileRoutes(
  definitions: readonly SecuredRoute[],
  apis: Readonly<Record<string, ApiDefinition>>,
): CompiledRoute[] {
  return definitions.map((definition) => ({
    definition,
    method: definition.method.toUpperCase(),
    segments: pathSegments(definition.path).map(compileSegment),
    api: resolveApi(apis, definition.api, definition.payloadFormat ?? '1.0'),
  }));
}

/** The stage prefix a request path carries for an API (`/Prod/x` → `/Prod`), else ''. */
function stagePrefixOf(api: ResolvedApi, rawSegments: string[]): string {
  if (api.stage === '$default' || rawSegments.length < 2) return '';
  return decodePath(rawSegments[0]) === api.stage ? `/${rawSegments[0]}` : '';
}

/**
 * The routes of `routing.yml`, compiled. `{param}` matches one non-empty segment, `{name+}` the
 * rest of the path (at least one character, slashes kept), `ANY` every method; first match wins.
 * A path may name the route's stage first, as on API Gateway's own endpoint (`/Prod/users`), or
 * leave it out, as behind a custom domain; the stage reading is tried first.
 * `replace` swaps the whole table at once (a reload), so a request sees the old or the new routes.
 */
export class RouteTable {
  private routes: CompiledRoute[];

  constructor(
    definitions: readonly SecuredRoute[],
    apis: Readonly<Record<string, ApiDefinition>> = {},
  ) {
    this.routes = compileRoutes(definitions, apis);
  }

  replace(
    definitions: readonly SecuredRoute[],
    apis: Readonly<Record<string, ApiDefinition>> = {},
  ): void {
    this.routes = compileRoutes(definitions, apis);
  }

  get size(): number {
    return this.routes.length;
  }

  match(method: string, rawPath: string): RouteMatch | undefined {
    return this.matchAll(rawPath, (route) => route.method === 'ANY' || route.method === method)[0];
  }

  /** Every route the path matches, whatever its method, in match order (CORS preflights). */
  matchPath(rawPath: string): RouteMatch[] {
    return this.matchAll(rawPath, () => true, Infinity);
  }

  private matchAll(
    rawPath: string,
    accepts: (route: CompiledRoute) => boolean,
    limit = 1,
  ): RouteMatch[] {
    const rawSegments = pathSegments(rawPath);
    const found: RouteMatch[] = [];
    for (const staged of [true, false]) {
      for (const route of this.routes) {
        if (!accepts(route)) continue;
        const stagePrefix = staged ? stagePrefixOf(route.api, rawSegments) : '';
        if (staged && stagePrefix === '') continue;
        const matched = this.matchRoute(route, rawSegments.slice(staged ? 1 : 0), stagePrefix);
        if (matched) found.push(matched);
        if (found.length >= limit) return found;
      }
      if (found.length > 0) return found;
    }
    return found;
  }

  private matchRoute(
    route: CompiledRoute,
    rawSegments: string[],
    stagePrefix: string,
  ): RouteMatch | undefined {
    const parameters = matchSegments(route.segments, rawSegments, route.api.kind === 'http');
    if (parameters === undefined) return undefined;
    const { definition, api } = route;
    return {
      function: definition.function,
      resource: definition.path,
      routeKey: `${route.method} ${definition.path}`,
      method: route.method,
      payloadFormat: definition.payloadFormat ?? '1.0',
      pathParameters: Object.keys(parameters).length > 0 ? parameters : null,
      ...(definition.security ? { security: definition.security } : {}),
      api,
      stagePrefix,
      timeoutMs: integrationTimeoutMs(api.kind, definition.timeoutMs),
    };
  }
}
