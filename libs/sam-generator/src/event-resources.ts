import { IssueList, TemplateError } from './diagnostics';
import type { IntrinsicResolver, TemplateResource } from './intrinsics';
import type { FunctionSpec } from './model';
import { EVENT_SOURCE_NEEDS, functionNameOf, readAsyncSpec } from './schedules';
import { templateText } from './template-text';

/** Plain-CloudFormation resources about how functions are invoked (besides schedules). */
export const EVENT_RESOURCE_TYPES = [
  'AWS::Lambda::EventInvokeConfig',
  'AWS::Lambda::EventSourceMapping',
];

/** `arn:aws:<service>:…` of an event source → the SAM event type whose needs apply. */
const SOURCE_BY_SERVICE: Record<string, string> = {
  sqs: 'SQS',
  kinesis: 'Kinesis',
  dynamodb: 'DynamoDB',
  kafka: 'MSK',
  mq: 'MQ',
  rds: 'DocumentDB',
  docdb: 'DocumentDB',
};

/** The service of an event source mapping: from its ARN, or self-managed Kafka. */
export function eventSourceOf(properties: Record<string, unknown>): string | undefined {
  if (properties.SelfManagedEventSource !== undefined) return 'SelfManagedKafka';
  const arn = typeof properties.EventSourceArn === 'string' ? properties.EventSourceArn : '';
  return SOURCE_BY_SERVICE[/^arn:[^:]+:([^:]+):/.exec(arn)?.[1] ?? ''];
}

function readEventSourceMapping(
  logicalId: string,
  properties: Record<string, unknown>,
  issues: IssueList,
): void {
  const source = eventSourceOf(properties);
  const target = functionNameOf(templateText(properties.FunctionName ?? '?'));
  issues.ignored(
    ['Resources', logicalId, 'Type'],
    `AWS::Lambda::EventSourceMapping (${source ?? 'unknown source'} → ${target})`,
    (source && EVENT_SOURCE_NEEDS[source]) ??
      'a poller reading the event source and invoking the function with batches; none runs here',
    logicalId,
  );
}

/** An SNS topic's `Subscription` entries with `Protocol: lambda`: nothing will deliver to them. */
function reportTopicSubscriptions(
  logicalId: string,
  properties: Record<string, unknown>,
  issues: IssueList,
): void {
  const subscriptions = Array.isArray(properties.Subscription) ? properties.Subscription : [];
  subscriptions.forEach((entry: unknown, index) => {
    const { Protocol, Endpoint } = (entry ?? {}) as { Protocol?: unknown; Endpoint?: unknown };
    if (Protocol !== 'lambda') return;
    issues.ignored(
      ['Resources', logicalId, 'Properties', 'Subscription', index],
      `${logicalId}.Subscription[${index}] (lambda → ${functionNameOf(templateText(Endpoint ?? '?'))})`,
      EVENT_SOURCE_NEEDS.SNS,
      logicalId,
    );
  });
}

/** `AWS::Lambda::EventInvokeConfig` of a function of this app: its async settings (AWS form). */
function readEventInvokeConfig(
  logicalId: string,
  properties: Record<string, unknown>,
  byName: Map<string, FunctionSpec>,
  issues: IssueList,
  failed: ReadonlySet<string>,
): void {
  const path = ['Resources', logicalId, 'Properties'];
  const name = functionNameOf(templateText(properties.FunctionName ?? ''));
  const fn = byName.get(name);
  if (!fn && failed.has(name)) return; // that function's errors are already reported
  if (!fn) {
    issues.error(
      [...path, 'FunctionName'],
      `FunctionName '${templateText(properties.FunctionName ?? '')}' is not a function of this template`,
      logicalId,
    );
    return;
  }
  if (properties.Qualifier !== undefined && properties.Qualifier !== '$LATEST')
    issues.ignored(
      [...path, 'Qualifier'],
      `${logicalId}.Qualifier`,
      'one version of the function is served: these settings apply to it whatever the qualifier',
      logicalId,
    );
  const spec = readAsyncSpec(properties, undefined, path, path, { issues, logicalId });
  if (!spec) return;
  if (fn.asyncSpec)
    issues.warning(
      path,
      `${fn.logicalId} already has an EventInvokeConfig; these settings replace the ones they name`,
      logicalId,
    );
  const declaredBy = Object.fromEntries(Object.keys(spec.paths).map((field) => [field, logicalId]));
  fn.asyncSpec = {
    definition: { ...fn.asyncSpec?.definition, ...spec.definition },
    paths: { ...fn.asyncSpec?.paths, ...spec.paths },
    declaredBy: { ...fn.asyncSpec?.declaredBy, ...declaredBy },
  };
}

/**
 * `AWS::Lambda::EventInvokeConfig` (applied to its function, before `checkInvocationTargets`) and
 * `AWS::Lambda::EventSourceMapping` and an `AWS::SNS::Topic`'s lambda subscriptions (said once in
 * the summary, with what their source would need).
 */
export function readEventResources(
  resources: Array<[string, TemplateResource]>,
  functions: FunctionSpec[],
  resolver: IntrinsicResolver,
  issues: IssueList,
  failed: ReadonlySet<string> = new Set(),
): void {
  const byName = new Map(functions.map((fn) => [fn.name, fn]));
  for (const [logicalId, resource] of resources) {
    const topic = resource.Type === 'AWS::SNS::Topic';
    if (!EVENT_RESOURCE_TYPES.includes(resource.Type) && !topic) continue;
    let properties: Record<string, unknown>;
    try {
      properties = (resolver.resolve(resource.Properties ?? {}, [
        'Resources',
        logicalId,
        'Properties',
      ]) ?? {}) as Record<string, unknown>;
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      // a topic is not ours to check (it is listed as not created); the others are errors
      if (!topic) issues.error(error.path, error.message, logicalId);
      continue;
    }
    if (topic) reportTopicSubscriptions(logicalId, properties, issues);
    else if (resource.Type === 'AWS::Lambda::EventSourceMapping')
      readEventSourceMapping(logicalId, properties, issues);
    else readEventInvokeConfig(logicalId, properties, byName, issues, failed);
  }
}
