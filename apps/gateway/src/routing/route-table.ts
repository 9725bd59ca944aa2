import type { PayloadFormat } from '@app/contracts';
import type { RouteSecurity, SecuredRoute } from '../authorizers/route-security';
import { decodePath } from './decode-path';
import { requestDataMap } from '@app/platform';

type Segment =
  | { kind: 'literal'; text: string }
  | { kind: 'param'; name: string }
  | { kind: 'greedy'; name: string };

interface CompiledRoute {
  definition: SecuredRoute;
  method: string;
  segments: Segment[];
}

export interface RouteMatch {
  function: string;
  /** The route's path template, e.g. `/users/{id}` (the event's `resource`). */
  resource: string;
  /** The route as written, upper-cased method: `GET /users/{id}` (the v2 `routeKey`). */
  routeKey: string;
  payloadFormat: PayloadFormat;
  pathParameters: Record<string, string> | null;
  /** What the template asks of callers of this route (absent: nothing). */
  security?: RouteSecurity;
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
): Record<string, string> | undefined {
  const parameters = requestDataMap<string>();
  for (let index = 0; index < segments.length; index += 1) {
    const segment = segments[index];
    if (segment.kind === 'greedy') {
      const rest = rawSegments.slice(index).map(decodePath).join('/');
      if (rest === '') return undefined;
      parameters[segment.name] = rest;
      return parameters;
    }
    if (index >= rawSegments.length) return undefined;
    const value = decodePath(rawSegments[index]);
    if (segment.kind === 'literal' && segment.text !== value) return undefined;
    if (segment.kind === 'param') {
      if (value === '') return undefined;
      parameters[segment.name] = value;
    }
  }
  return rawSegments.length === segments.length ? parameters : undefined;
}

function compileRoutes(definitions: readonly SecuredRoute[]): CompiledRoute[] {
  return definitions.map((definition) => ({
    definition,
    method: definition.method.toUpperCase(),
    segments: pathSegments(definition.path).map(compileSegment),
  }));
}

/**
 * The routes of `routing.yml`, compiled. `{param}` matches one non-empty segment, `{name+}` the
 * rest of the path (at least one character, slashes kept), `ANY` every method; first match wins.
 * `replace` swaps the whole table at once (a reload), so a request sees the old or the new routes.
 */
export class RouteTable {
  private routes: CompiledRoute[];

  constructor(definitions: readonly SecuredRoute[]) {
    this.routes = compileRoutes(definitions);
  }

  replace(definitions: readonly SecuredRoute[]): void {
    this.routes = compileRoutes(definitions);
  }

  get size(): number {
    return this.routes.length;
  }

  match(method: string, rawPath: string): RouteMatch | undefined {
    const rawSegments = pathSegments(rawPath);
    for (const route of this.routes) {
      if (route.method !== 'ANY' && route.method !== method) continue;
      const parameters = matchSegments(route.segments, rawSegments);
      if (parameters === undefined) continue;
      return {
        function: route.definition.function,
        resource: route.definition.path,
        routeKey: `${route.method} ${route.definition.path}`,
        payloadFormat: route.definition.payloadFormat ?? '1.0',
        pathParameters: Object.keys(parameters).length > 0 ? parameters : null,
        ...(route.definition.security ? { security: route.definition.security } : {}),
      };
    }
    return undefined;
  }
}
