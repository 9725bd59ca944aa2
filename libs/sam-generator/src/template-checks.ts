import { IssueList, TemplateError } from './diagnostics';
import { IntrinsicResolver, ResourceReference, TemplateResource } from './intrinsics';
import { FunctionSpec, ImageOptions } from './model';
import { reportIgnoredResource } from './not-acted-on';
import { imageName } from './render';
import { SCHEDULE_RESOURCE_TYPES } from './schedule-resources';
import { EVENT_RESOURCE_TYPES } from './event-resources';
import { USAGE_PLAN_TYPES } from './usage-plans';
import { CFN_AUTHORIZER_TYPES } from './cfn-authorizers';
import { DATA_RESOURCE_TYPES } from './data-resources';
import { FUNCTION_URL_RESOURCE_TYPE } from './function-urls';

/** Resources the generator turns into something. */
const HANDLED_TYPES = [
  'AWS::Serverless::Function',
  'AWS::Serverless::LayerVersion',
  ...USAGE_PLAN_TYPES,
  ...DATA_RESOURCE_TYPES,
  ...SCHEDULE_RESOURCE_TYPES,
  ...EVENT_RESOURCE_TYPES,
  FUNCTION_URL_RESOURCE_TYPE,
];
/** Resources whose only job here is to carry routes (read by api-definitions / cfn-api-routes). */
const IMPLIED_TYPES = [
  'AWS::Serverless::Api',
  'AWS::Serverless::HttpApi',
  'AWS::ApiGateway::RestApi',
  'AWS::ApiGateway::Resource',
  'AWS::ApiGateway::Method',
  'AWS::ApiGatewayV2::Api',
  'AWS::ApiGatewayV2::Route',
  'AWS::ApiGatewayV2::Integration',
  ...CFN_AUTHORIZER_TYPES,
];
/** References to these are served or created by onpre-lambda itself, so no warning. */
const SIMULATED_TYPES = [
  'AWS::Serverless::Function',
  'AWS::Lambda::Function',
  'AWS::Serverless::LayerVersion',
  ...DATA_RESOURCE_TYPES,
];

/** Resources without a `Condition`, or whose condition holds. */
export function activeResources(
  resources: Record<string, TemplateResource>,
  resolver: IntrinsicResolver,
  issues: IssueList,
): Array<[string, TemplateResource]> {
  return Object.entries(resources).filter(([logicalId, resource]) => {
    if (!resource.Condition) return true;
    try {
      return resolver.condition(resource.Condition, ['Resources', logicalId, 'Condition']);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      issues.error(error.path, error.message, logicalId);
      return false;
    }
  });
}

/** Lists resource types onpre-lambda neither creates nor reads in the closing summary. */
export function reportSkippedResources(
  resources: Array<[string, TemplateResource]>,
  issues: IssueList,
): void {
  for (const [logicalId, resource] of resources) {
    if (HANDLED_TYPES.includes(resource.Type) || IMPLIED_TYPES.includes(resource.Type)) continue;
    reportIgnoredResource(logicalId, resource.Type, issues);
  }
}

/** Warns when an environment value names a resource that will not exist unless the user makes it. */
export function reportUncreatedReferences(
  references: ResourceReference[],
  issues: IssueList,
): void {
  for (const reference of references) {
    if (!reference.path.includes('Environment') || SIMULATED_TYPES.includes(reference.type)) {
      continue;
    }
    issues.warning(
      reference.path,
      `environment value refers to ${reference.logicalId} (${reference.type}), which onpre-lambda does not create; using '${reference.value}'`,
      typeof reference.path[1] === 'string' ? reference.path[1] : undefined,
    );
  }
}

/** Image names are lower case, so `Hello` and `hello` would overwrite each other's image. */
export function reportSharedImages(
  functions: FunctionSpec[],
  images: ImageOptions,
  issues: IssueList,
): void {
  const owners = new Map<string, string>();
  for (const fn of functions) {
    const image = imageName(fn.name, images);
    const owner = owners.get(image);
    if (owner) {
      issues.error(
        ['Resources', fn.logicalId],
        `function ${fn.name} would share image ${image} with ${owner}`,
        fn.logicalId,
      );
    }
    owners.set(image, fn.name);
  }
}
