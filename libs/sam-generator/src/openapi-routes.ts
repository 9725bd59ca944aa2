import { PayloadFormat } from '@app/contracts';
import { IssueList, IssueSource, Severity, TemplatePath } from './diagnostics';
import { RouteSpec } from './model';
import { operationAuth } from './openapi-security';
import { templateText } from './template-text';

/** REST APIs (`AWS::Serverless::Api`, `AWS::ApiGateway::RestApi`) or HTTP APIs. */
export type ApiKind = 'rest' | 'http';

/** Where an API definition lives: in the template (no `source`) or in a file of its own. */
export interface DefinitionPlace {
  /** Logical id of the resource that holds the definition (named in messages). */
  logicalId: string;
  /** Logical id of the API the routes belong to (routing.yml `api`, used by auth and usage plans). */
  api?: string;
  /** Path of the document inside its file (`[]` for a file of its own). */
  path: TemplatePath;
  source?: IssueSource;
}

export interface LambdaTarget {
  function: string;
  payloadFormat: PayloadFormat;
}

const OPERATIONS: Record<string, string> = {
  get: 'GET',
  put: 'PUT',
  post: 'POST',
  delete: 'DELETE',
  options: 'OPTIONS',
  head: 'HEAD',
  patch: 'PATCH',
  'x-amazon-apigateway-any-method': 'ANY',
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reports issues at `place`: in the template, or in the definition's own file. */
export class PlaceReporter {
  constructor(
    private readonly issues: IssueList,
    private readonly place: DefinitionPlace,
  ) {}

  at(...within: Array<string | number>): TemplatePath {
    return [...this.place.path, ...within];
  }

  error(message: string, ...within: Array<string | number>): void {
    this.push('error', message, within);
  }

  warning(message: string, ...within: Array<string | number>): void {
    this.push('warning', message, within);
  }

  ignored(what: string, meaning: string, ...within: Array<string | number>): void {
    this.push('ignored', `${what}: ${meaning}`, within);
  }

  private push(severity: Severity, message: string, within: Array<string | number>) {
    const issue = { severity, path: this.at(...within), message, logicalId: this.place.logicalId };
    if (this.place.source) this.issues.addFrom(this.place.source, [issue]);
    else this.issues.items.push(issue);
  }

  route(path: string, method: string, target: LambdaTarget, ...within: string[]): RouteSpec {
    return {
      path,
      method,
      ...target,
      logicalId: this.place.logicalId,
      eventId: `${method} ${path}`,
      ...(this.place.api ? { api: this.place.api } : {}),
      sourcePath: this.at(...within),
      ...(this.place.source ? { source: this.place.source } : {}),
    };
  }
}

/**
 * The function an `aws_proxy` integration URI invokes: the name in
 * `arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function ARN>/invocations` or in a
 * bare function ARN (HTTP APIs). `undefined` when the URI names no Lambda function.
 */
export function functionOfIntegrationUri(uri: unknown): string | undefined {
  if (typeof uri !== 'string') return undefined;
  return /:function:([A-Za-z0-9_-]+)(?::[A-Za-z0-9$_-]+)?(?:\/invocations)?$/.exec(uri)?.[1];
}

/**
 * Checks an `aws_proxy` target: its function must be one of the template's. Reports and returns
 * `undefined` otherwise.
 */
export function lambdaTarget(
  uri: unknown,
  payloadFormatVersion: unknown,
  kind: ApiKind,
  functions: ReadonlySet<string>,
  report: PlaceReporter,
  where: Array<string | number>,
  what: string,
): LambdaTarget | undefined {
  const name = functionOfIntegrationUri(uri);
  if (!name) {
    report.error(`${what}: integration URI '${String(uri)}' names no Lambda function`, ...where);
    return undefined;
  }
  if (!functions.has(name)) {
    report.error(
      `${what}: integration refers to function '${name}', which this template does not define`,
      ...where,
    );
    return undefined;
  }
  if (kind === 'rest') return { function: name, payloadFormat: '1.0' };
  const version = payloadFormatVersion === undefined ? '1.0' : templateText(payloadFormatVersion);
  if (version !== '1.0' && version !== '2.0') {
    report.error(`${what}: payloadFormatVersion must be '1.0' or '2.0'`, ...where);
    return undefined;
  }
  return { function: name, payloadFormat: version };
}

/** An HTTP API's `$default` route catches every path: `ANY /` and `ANY /{proxy+}`. */
export function defaultRoutes(report: PlaceReporter, target: LambdaTarget, ...within: string[]) {
  return ['/', '/{proxy+}'].map((path) => ({
    ...report.route(path, 'ANY', target, ...within),
    eventId: '$default',
  }));
}

function validDocument(document: unknown, report: PlaceReporter): document is { paths: object } {
  if (!isObject(document)) {
    report.error('not a valid OpenAPI document: expected a mapping');
    return false;
  }
  const version = document.openapi ?? document.swagger;
  if (!(document.swagger === '2.0' || /^3\.\d+(\.\d+)?$/.test(String(document.openapi)))) {
    report.error(
      `not a valid OpenAPI document: needs swagger: '2.0' or openapi: '3.x' (found ${JSON.stringify(version ?? null)})`,
    );
    return false;
  }
  if (!isObject(document.paths)) {
    report.error('not a valid OpenAPI document: paths must be a mapping', 'paths');
    return false;
  }
  return true;
}

/**
 * Routes of an OpenAPI 2 or 3 document as API Gateway imports it: every operation whose
 * `x-amazon-apigateway-integration` is `aws_proxy` to a function of the template becomes a route.
 * Other integration types are warned about by path; operations without an integration are listed
 * as not acted on (a function's event may still declare them).
 */
export function openApiRoutes(
  document: unknown,
  kind: ApiKind,
  functions: ReadonlySet<string>,
  report: PlaceReporter,
): RouteSpec[] {
  if (!validDocument(document, report)) return [];
  const routes: RouteSpec[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    const isDefault = kind === 'http' && path === '$default';
    if (!isDefault && !path.startsWith('/')) {
      report.error(
        `not a valid OpenAPI document: path '${path}' must start with '/'`,
        'paths',
        path,
      );
      continue;
    }
    if (!isObject(item)) continue;
    for (const [key, operation] of Object.entries(item)) {
      const method = OPERATIONS[key.toLowerCase()];
      if (!method || !isObject(operation)) continue;
      const where = ['paths', path, key];
      const what = `${method} ${path}`;
      const integration = operation['x-amazon-apigateway-integration'];
      if (!isObject(integration)) {
        report.ignored(
          what,
          'no x-amazon-apigateway-integration; served only if a function event declares it',
          ...where,
        );
        continue;
      }
      const type = templateText(integration.type ?? '').toLowerCase();
      if (type !== 'aws_proxy') {
        report.warning(
          `${what}: ${type || 'untyped'} integration is not supported (only aws_proxy to a function of this template); the route is not served`,
          ...where,
          'x-amazon-apigateway-integration',
        );
        continue;
      }
      const target = lambdaTarget(
        integration.uri,
        integration.payloadFormatVersion,
        kind,
        functions,
        report,
        [...where, 'x-amazon-apigateway-integration'],
        what,
      );
      if (!target) continue;
      const auth = operationAuth(document, operation, report.at());
      const withAuth = (route: RouteSpec) => (auth ? { ...route, eventAuth: auth } : route);
      if (isDefault) routes.push(...defaultRoutes(report, target, ...where).map(withAuth));
      else routes.push(withAuth(report.route(path, method, target, ...where)));
    }
  }
  return routes;
}
