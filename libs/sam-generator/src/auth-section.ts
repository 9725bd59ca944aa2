import type { ApiKeyDefinition, AuthorizerDefinition, UsagePlanDefinition } from '@app/contracts';
import { readApis } from './api-auth';
import { readCloudFormationApis } from './cfn-authorizers';
import { addDefinitionAuthorizers } from './openapi-security';
import { IssueList } from './diagnostics';
import { IntrinsicResolver, TemplateResource } from './intrinsics';
import { FunctionSpec, RouteSpec } from './model';
import { applyRouteAuth } from './route-auth';
import { readUsagePlans } from './usage-plans';

/** The authorization half of `routing.yml`. */
export interface AuthSection {
  routes: RouteSpec[];
  authorizers: Record<string, AuthorizerDefinition>;
  apiKeys: ApiKeyDefinition[];
  usagePlans: UsagePlanDefinition[];
}

/**
 * Reads the APIs' `Auth` (and `Globals.Api` / `Globals.HttpApi`), raw CloudFormation APIs'
 * authorizers, the API keys and usage plans, and
 * ties every route to its authorizer, API-key requirement and throttle.
 */
export function readAuthSection(
  resources: Array<[string, TemplateResource]>,
  globals: Record<string, unknown> | undefined,
  functions: FunctionSpec[],
  resolver: IntrinsicResolver,
  issues: IssueList,
): AuthSection {
  const routes = functions.flatMap((fn) => fn.routes);
  const usedApis = new Set(routes.flatMap((route) => (route.api ? [route.api] : [])));
  const functionNames = new Set(functions.map((fn) => fn.name));
  const context = { resolver, issues, functionNames };
  const apis = new Map([
    ...readCloudFormationApis(resources, context),
    ...readApis(resources, globals, usedApis, context),
  ]);
  addDefinitionAuthorizers(routes, apis, context);
  const { routes: withAuth, authorizers } = applyRouteAuth(routes, apis, issues);
  const { apiKeys, usagePlans } = readUsagePlans(resources, apis, resolver, issues);
  return { routes: withAuth, authorizers, apiKeys, usagePlans };
}
