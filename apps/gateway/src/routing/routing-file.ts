import { load } from 'js-yaml';
import {
  FUNCTION_NAME_PATTERN,
  INTEGRATION_TIMEOUT_MS,
  type RouteDefinition,
} from '@app/contracts';
import {
  resolveRouteSecurity,
  routeSecurityProblems,
  securityProblems,
  type SecuredRoute,
  type SecurityDocument,
} from './route-security';

const METHODS = ['ANY', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const SEGMENT = /^(\{[A-Za-z0-9_]+\+?\}|[^{}]*)$/;

function routeProblems(route: Record<string, unknown>, where: string): string[] {
  const problems: string[] = [];
  const { path, method, function: name, payloadFormat, api, timeoutMs } = route;
  if (typeof path !== 'string' || !path.startsWith('/')) {
    problems.push(`${where}.path must be a string starting with /`);
  } else {
    const segments = path.split('/').slice(1);
    if (!segments.every((segment) => SEGMENT.test(segment))) {
      problems.push(`${where}.path has a malformed {parameter}`);
    }
    if (segments.slice(0, -1).some((segment) => segment.endsWith('+}'))) {
      problems.push(`${where}.path may use a greedy {name+} only as its last segment`);
    }
  }
  if (typeof method !== 'string' || !METHODS.includes(method.toUpperCase())) {
    problems.push(`${where}.method must be one of ${METHODS.join(', ')}`);
  }
  if (typeof name !== 'string' || !FUNCTION_NAME_PATTERN.test(name)) {
    problems.push(`${where}.function must match ${FUNCTION_NAME_PATTERN.source}`);
  }
  if (payloadFormat !== undefined && payloadFormat !== '1.0' && payloadFormat !== '2.0') {
    problems.push(`${where}.payloadFormat must be "1.0" or "2.0"`);
  }
  if (api !== undefined && typeof api !== 'string') problems.push(`${where}.api must be a string`);
  const timeout = INTEGRATION_TIMEOUT_MS.http;
  if (
    timeoutMs !== undefined &&
    !(
      Number.isInteger(timeoutMs) &&
      Number(timeoutMs) >= timeout.min &&
      Number(timeoutMs) <= timeout.max
    )
  ) {
    problems.push(`${where}.timeoutMs must be an integer ${timeout.min}-${timeout.max}`);
  }
  return problems;
}

/**
 * Parses and validates `routing.yml`; throws one error listing every problem. Each route carries
 * the protection its template declares (authorizer, API key, usage plans, throttle), resolved.
 */
export function parseRoutingFile(text: string, source = 'routing.yml'): SecuredRoute[] {
  const document = load(text) as ({ routes?: unknown } & SecurityDocument) | null;
  const routes = document?.routes;
  if (!document || !Array.isArray(routes)) {
    throw new Error(`${source}: expected a top-level "routes" list`);
  }
  const problems = [
    ...securityProblems(document),
    ...routes.flatMap((route: unknown, index) =>
      typeof route === 'object' && route !== null
        ? [
            ...routeProblems(route as Record<string, unknown>, `routes[${index}]`),
            ...routeSecurityProblems(
              route as Record<string, unknown>,
              `routes[${index}]`,
              document,
            ),
          ]
        : [`routes[${index}] must be a mapping`],
    ),
  ];
  if (problems.length > 0) throw new Error(`${source}:\n  - ${problems.join('\n  - ')}`);
  return routes.map((route: RouteDefinition) => {
    const security = resolveRouteSecurity(route, document);
    return {
      path: route.path,
      method: route.method.toUpperCase(),
      function: route.function,
      ...(route.payloadFormat ? { payloadFormat: route.payloadFormat } : {}),
      ...(route.api !== undefined ? { api: route.api } : {}),
      ...(route.timeoutMs !== undefined ? { timeoutMs: route.timeoutMs } : {}),
      ...(security ? { security } : {}),
    };
  });
}
