import { AUTH_PROPERTIES } from './api-auth';
import { API_SETTINGS_PROPERTIES } from './api-settings';
import { IssueList } from './diagnostics';
import { TemplateResource } from './intrinsics';
import { reportIgnoredProperties } from './not-acted-on';

type ApiKind = 'rest' | 'http';

const SAM_APIS: Record<string, { kind: ApiKind; globals: string }> = {
  'AWS::Serverless::Api': { kind: 'rest', globals: 'Api' },
  'AWS::Serverless::HttpApi': { kind: 'http', globals: 'HttpApi' },
};

/** What the generator reads of a SAM API (settings, auth, its OpenAPI definition). */
const READ: Record<ApiKind, string[]> = {
  rest: [...API_SETTINGS_PROPERTIES.rest, ...AUTH_PROPERTIES, 'DefinitionBody', 'DefinitionUri'],
  http: [...API_SETTINGS_PROPERTIES.http, ...AUTH_PROPERTIES, 'DefinitionBody', 'DefinitionUri'],
};

/**
 * Lists, in the closing summary, each property of an `AWS::Serverless::Api` / `HttpApi` (and of
 * `Globals.Api` / `Globals.HttpApi`) that nothing reads — `GatewayResponses`, `TracingEnabled`,
 * `AccessLogSetting`, `Domain` and the like — once each, with what that means here.
 */
export function reportIgnoredApiProperties(
  resources: Array<[string, TemplateResource]>,
  globals: Record<string, unknown>,
  issues: IssueList,
): void {
  for (const { kind, globals: section } of Object.values(SAM_APIS)) {
    const declared = globals[section];
    if (typeof declared !== 'object' || declared === null || Array.isArray(declared)) continue;
    const properties = declared as Record<string, unknown>;
    reportIgnoredProperties(properties, READ[kind], ['Globals', section], issues);
  }
  for (const [logicalId, resource] of resources) {
    const api = SAM_APIS[resource.Type];
    if (!api) continue;
    const path = ['Resources', logicalId, 'Properties'];
    reportIgnoredProperties(resource.Properties ?? {}, READ[api.kind], path, issues, logicalId);
  }
}
