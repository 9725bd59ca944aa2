import { INTEGRATION_TIMEOUT_MS, PayloadFormat } from '@app/contracts';
import { IssueList, TemplatePath } from './diagnostics';
import { IMPLICIT_APIS } from './api-auth';
import { RouteSpec } from './model';
import { EVENT_SOURCE_NEEDS } from './schedules';
import { templateText } from './template-text';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'];
const SUPPORTED_EVENT_TYPES = ['Api', 'HttpApi'];

interface EventDefinition {
  Type?: unknown;
  Properties?: Record<string, unknown>;
}

function normaliseMethod(method: unknown): string | undefined {
  const upper = String(method).toUpperCase();
  if (upper === 'X-AMAZON-APIGATEWAY-ANY-METHOD') return 'ANY';
  return METHODS.includes(upper) ? upper : undefined;
}

function pathProblem(path: string): string | undefined {
  if (!path.startsWith('/')) return `path '${path}' must start with '/'`;
  const segments = path.split('/').slice(1);
  const greedy = segments.findIndex((segment) => /^\{[^}]+\+\}$/.test(segment));
  if (greedy >= 0 && greedy !== segments.length - 1) {
    return `greedy parameter in '${path}' must be the last segment`;
  }
  return undefined;
}

function payloadFormat(
  type: string,
  properties: Record<string, unknown>,
  path: TemplatePath,
  issues: IssueList,
  logicalId: string,
): PayloadFormat | undefined {
  if (type === 'Api') return '1.0';
  const declared = properties.PayloadFormatVersion;
  if (declared === undefined) return '2.0';
  const version = templateText(declared);
  if (version === '1.0' || version === '2.0') return version;
  issues.error(
    [...path, 'PayloadFormatVersion'],
    `PayloadFormatVersion must be '1.0' or '2.0'`,
    logicalId,
  );
  return undefined;
}

/** The event's `TimeoutInMillis`, checked against its API kind's range (reported when outside). */
function integrationTimeout(
  type: string,
  properties: Record<string, unknown>,
  path: TemplatePath,
  issues: IssueList,
  logicalId: string,
): Partial<RouteSpec> {
  if (properties.TimeoutInMillis === undefined) return {};
  const limits = INTEGRATION_TIMEOUT_MS[type === 'Api' ? 'rest' : 'http'];
  const value = Number(properties.TimeoutInMillis);
  if (Number.isInteger(value) && value >= limits.min && value <= limits.max) {
    return { timeoutMs: value };
  }
  issues.error(
    [...path, 'TimeoutInMillis'],
    `TimeoutInMillis must be an integer ${limits.min}-${limits.max} for a${type === 'Api' ? ' REST API' : 'n HTTP API'}`,
    logicalId,
  );
  return {};
}

/** The API an event belongs to (SAM's implicit API when it names none) and its `Auth`. */
function apiOf(type: string, properties: Record<string, unknown>): Partial<RouteSpec> {
  const named = type === 'Api' ? properties.RestApiId : properties.ApiId;
  const api =
    named !== undefined ? templateText(named) : IMPLICIT_APIS[type === 'Api' ? 'rest' : 'http'];
  return { api, ...(properties.Auth !== undefined ? { eventAuth: properties.Auth } : {}) };
}

/**
 * Routes of a function's `Events`: `Api` (REST, payload 1.0) and `HttpApi` (payload 2.0 unless
 * `PayloadFormatVersion: '1.0'`). An `HttpApi` event without Path and Method is the API's default
 * route: it catches `/` and every other path. Other event types are listed in the summary of what is not acted on.
 */
export function readRoutes(
  logicalId: string,
  functionName: string,
  events: Record<string, unknown>,
  issues: IssueList,
): RouteSpec[] {
  const routes: RouteSpec[] = [];
  for (const [eventId, value] of Object.entries(events)) {
    const eventPath = ['Resources', logicalId, 'Properties', 'Events', eventId];
    const event = (value ?? {}) as EventDefinition;
    const type = String(event.Type);
    if (type === 'Schedule' || type === 'ScheduleV2') continue; // schedules.ts
    if (!SUPPORTED_EVENT_TYPES.includes(type)) {
      issues.ignored(
        [...eventPath, 'Type'],
        `event ${eventId} (${type})`,
        EVENT_SOURCE_NEEDS[type] ??
          'not supported here (only Api, HttpApi, Schedule and ScheduleV2); nothing triggers the function from this source',
        logicalId,
      );
      continue;
    }
    const properties = event.Properties ?? {};
    const propertiesPath = [...eventPath, 'Properties'];
    const format = payloadFormat(type, properties, propertiesPath, issues, logicalId);
    const timeout = integrationTimeout(type, properties, propertiesPath, issues, logicalId);
    const isDefaultRoute =
      type === 'HttpApi' && properties.Path === undefined && properties.Method === undefined;
    if (isDefaultRoute) {
      for (const path of ['/', '/{proxy+}']) {
        if (format)
          routes.push({
            path,
            method: 'ANY',
            payloadFormat: format,
            function: functionName,
            logicalId,
            eventId,
            ...apiOf(type, properties),
            ...timeout,
          });
      }
      continue;
    }
    if (properties.Path === undefined || properties.Method === undefined) {
      issues.error(
        propertiesPath,
        `${type} event ${eventId} needs both Path and Method`,
        logicalId,
      );
      continue;
    }
    const path = templateText(properties.Path);
    const method = normaliseMethod(properties.Method);
    const problem = pathProblem(path);
    if (problem) issues.error([...propertiesPath, 'Path'], problem, logicalId);
    if (!method) {
      issues.error(
        [...propertiesPath, 'Method'],
        `unknown HTTP method '${templateText(properties.Method)}'`,
        logicalId,
      );
    }
    if (!problem && method && format) {
      routes.push({
        path,
        method,
        payloadFormat: format,
        function: functionName,
        logicalId,
        eventId,
        ...apiOf(type, properties),
        ...timeout,
      });
    }
  }
  return routes;
}
