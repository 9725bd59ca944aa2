import { IssueList } from './diagnostics';
import { RouteSpec } from './model';

function segmentRank(segment: string): number {
  if (/^\{[^}]+\+\}$/.test(segment)) return 2;
  if (/^\{[^}]+\}$/.test(segment)) return 1;
  return 0;
}

function compareText(left: string, right: string): number {
  if (left === right) return 0;
  return left < right ? -1 : 1;
}

/**
 * Orders routes so that "first match wins" picks what API Gateway would pick: at the first segment
 * where two paths differ, a literal beats `{param}` and `{param}` beats `{proxy+}`; for the same
 * path a named method beats `ANY`. Remaining ties sort by text, so the order is stable.
 */
export function compareRoutes(left: RouteSpec, right: RouteSpec): number {
  const a = left.path.split('/');
  const b = right.path.split('/');
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    const byRank = segmentRank(a[index]) - segmentRank(b[index]);
    if (byRank !== 0) return byRank;
    const byText = compareText(a[index], b[index]);
    if (byText !== 0) return byText;
  }
  if (a.length !== b.length) return a.length - b.length;
  const byAny = Number(left.method === 'ANY') - Number(right.method === 'ANY');
  return byAny !== 0 ? byAny : compareText(left.method, right.method);
}

/** `/users/{id}` and `/users/{userId}` are the same route to API Gateway. */
function routeKey(route: RouteSpec): string {
  const shape = route.path.replace(/\{[^}]+\+\}/g, '{+}').replace(/\{[^}+]+\}/g, '{}');
  return `${route.method} ${shape}`;
}

/** Reports every route that repeats an earlier method and path. */
export function reportDuplicateRoutes(routes: RouteSpec[], issues: IssueList): void {
  const seen = new Map<string, RouteSpec>();
  for (const route of routes) {
    const first = seen.get(routeKey(route));
    if (!first) {
      seen.set(routeKey(route), route);
      continue;
    }
    const path = route.sourcePath ?? [
      'Resources',
      route.logicalId,
      'Properties',
      'Events',
      route.eventId,
    ];
    const message = `duplicate route ${route.method} ${route.path}: already served by ${first.logicalId} (${first.sourcePath ? 'definition' : 'event'} ${first.eventId})`;
    const issue = { severity: 'error' as const, path, message, logicalId: route.logicalId };
    if (route.source) issues.addFrom(route.source, [issue]);
    else issues.items.push(issue);
  }
}

/**
 * Routes of API definitions (OpenAPI bodies, raw CloudFormation) merged with the functions' own
 * events as SAM merges them: a definition route that an event already declares for the same
 * function is one route; for another function it stays, and is reported as a duplicate.
 */
export function mergeDefinitionRoutes(
  eventRoutes: RouteSpec[],
  definitionRoutes: RouteSpec[],
): RouteSpec[] {
  const byKey = new Map(eventRoutes.map((route) => [routeKey(route), route]));
  const merged: RouteSpec[] = [];
  for (const route of definitionRoutes) {
    const existing = byKey.get(routeKey(route));
    if (existing && existing.function === route.function) continue;
    if (!existing) byKey.set(routeKey(route), route);
    merged.push(route);
  }
  return merged;
}
