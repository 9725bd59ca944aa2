import {
  type AsyncInvokeDefinition,
  type ScheduleDefinition,
  FUNCTION_LIMITS,
  parseScheduleExpression,
  rateUnitDisagrees,
  type ScheduleDialect,
} from '@app/contracts';
import { IssueList, TemplatePath } from './diagnostics';
import { templateText } from './template-text';

/** A schedule read from the template, before its target is checked. */
export interface ScheduleSpec extends ScheduleDefinition {
  name: string;
  path: TemplatePath;
  logicalId: string;
}

/** A function's async settings with destinations still as the template wrote them. */
export interface AsyncSpec {
  definition: AsyncInvokeDefinition;
  /** Where each destination was declared (for errors naming the line). */
  paths: Partial<Record<'onSuccess' | 'onFailure' | 'deadLetter', TemplatePath>>;
  /** The resource that declared a destination, when not the function (`AWS::Lambda::EventInvokeConfig`). */
  declaredBy?: Partial<Record<'onSuccess' | 'onFailure' | 'deadLetter', string>>;
}

/** Event sources that need a service onpre-lambda does not run, and what that would take. */
export const EVENT_SOURCE_NEEDS: Record<string, string> = {
  SQS: 'an SQS-compatible queue and a poller that invokes the function with batches (e.g. ElasticMQ + a consumer); not run here',
  SNS: 'an SNS-compatible topic delivering to the function; not run here (publish with the Invoke API instead)',
  Kinesis: 'a Kinesis-compatible stream and a shard poller; not run here',
  DynamoDB: 'DynamoDB Streams and a stream poller (DynamoDB Local has streams, no poller here)',
  S3: 'bucket notifications from the S3 service to the function; not wired here',
  MSK: 'a Kafka cluster and a consumer that invokes the function; not run here',
  SelfManagedKafka: 'a Kafka cluster and a consumer that invokes the function; not run here',
  MQ: 'an ActiveMQ/RabbitMQ broker and a consumer; not run here',
  EventBridgeRule: 'an event bus delivering matching events; only schedules are run here',
  CloudWatchEvent: 'an event bus delivering matching events; only schedules are run here',
  CloudWatchLogs: 'a subscription filter on a log group; not run here',
  IoTRule: 'AWS IoT rules; not run here',
  AlexaSkill: 'the Alexa service; not reachable here',
  Cognito: 'Cognito user pool triggers; not run here',
  DocumentDB: 'a DocumentDB change stream poller; not run here',
};

interface Reporter {
  issues: IssueList;
  logicalId: string;
}

function checkExpression(
  expression: unknown,
  timezone: unknown,
  path: TemplatePath,
  dialect: ScheduleDialect,
  { issues, logicalId }: Reporter,
): { expression: string; timezone?: string } | undefined {
  if (typeof expression !== 'string') {
    issues.error(
      path,
      'a schedule needs a schedule expression (rate(...) or cron(...))',
      logicalId,
    );
    return undefined;
  }
  if (timezone !== undefined && typeof timezone !== 'string') {
    issues.error(path, 'ScheduleExpressionTimezone must be a string', logicalId);
    return undefined;
  }
  const parsed = parseScheduleExpression(expression, timezone, 0, dialect);
  if (!parsed.ok) {
    issues.error(path, parsed.error, logicalId);
    return undefined;
  }
  if (rateUnitDisagrees(expression))
    issues.warning(
      path,
      `${expression}: the unit's number disagrees with the value; EventBridge Scheduler runs it (as here), an EventBridge rule would refuse it`,
      logicalId,
    );
  return { expression, ...(timezone ? { timezone } : {}) };
}

function inputOf(
  input: unknown,
  path: TemplatePath,
  { issues, logicalId }: Reporter,
): string | undefined {
  if (input === undefined) return undefined;
  const text = typeof input === 'string' ? input : JSON.stringify(input);
  try {
    JSON.parse(text);
  } catch {
    issues.error(path, 'Input must be valid JSON text', logicalId);
  }
  return text;
}

function isWindowOff(window: unknown): boolean {
  return (
    typeof window === 'object' && window !== null && (window as { Mode?: unknown }).Mode === 'OFF'
  );
}

/** `Enabled: false` or `State: DISABLED` turn a schedule off (it can still be triggered by hand). */
function enabledOf(properties: Record<string, unknown>): boolean {
  if (properties.Enabled === false || properties.Enabled === 'false') return false;
  return templateText(properties.State ?? 'ENABLED').toUpperCase() !== 'DISABLED';
}

/** `Schedule` (EventBridge rule) and `ScheduleV2` (EventBridge Scheduler) events of one function. */
export function readScheduleEvent(
  type: 'Schedule' | 'ScheduleV2',
  eventId: string,
  properties: Record<string, unknown>,
  eventPath: TemplatePath,
  functionName: string,
  reporter: Reporter,
): ScheduleSpec | undefined {
  const propertiesPath = [...eventPath, 'Properties'];
  // SAM's Schedule event says `Schedule`; ScheduleV2 and the Events/Scheduler resources `ScheduleExpression`
  const expressionKey =
    type === 'Schedule' && properties.ScheduleExpression === undefined
      ? 'Schedule'
      : 'ScheduleExpression';
  const checked = checkExpression(
    properties[expressionKey],
    properties.ScheduleExpressionTimezone,
    properties[expressionKey] === undefined ? propertiesPath : [...propertiesPath, expressionKey],
    type === 'Schedule' ? 'rule' : 'scheduler',
    reporter,
  );
  const input = inputOf(properties.Input, [...propertiesPath, 'Input'], reporter);
  for (const key of [
    'DeadLetterConfig',
    'RetryPolicy',
    'FlexibleTimeWindow',
    'StartDate',
    'EndDate',
  ]) {
    // Mode OFF (required by AWS::Scheduler::Schedule) is what happens here: on time, no window
    const off = key === 'FlexibleTimeWindow' && isWindowOff(properties[key]);
    if (properties[key] !== undefined && !off)
      reporter.issues.ignored(
        [...propertiesPath, key],
        `${eventId}.${key}`,
        'not applied: the run is queued like an async invocation and the function’s own retries apply',
        reporter.logicalId,
      );
  }
  if (!checked) return undefined;
  const name =
    typeof properties.Name === 'string' ? properties.Name : `${reporter.logicalId}${eventId}`;
  return {
    name,
    function: functionName,
    ...checked,
    enabled: enabledOf(properties),
    ...(input !== undefined ? { input } : {}),
    kind: type === 'Schedule' ? 'rule' : 'scheduler',
    path: propertiesPath,
    logicalId: reporter.logicalId,
  };
}

interface DestinationConfig {
  Type?: unknown;
  Destination?: unknown;
}

/** `EventInvokeConfig` and `DeadLetterQueue` of a function (or an `AWS::Lambda::EventInvokeConfig`). */
export function readAsyncSpec(
  eventInvokeConfig: unknown,
  deadLetterQueue: unknown,
  configPath: TemplatePath,
  dlqPath: TemplatePath,
  reporter: Reporter,
): AsyncSpec | undefined {
  const { issues, logicalId } = reporter;
  const spec: AsyncSpec = { definition: {}, paths: {} };
  if (eventInvokeConfig && typeof eventInvokeConfig === 'object') {
    const config = eventInvokeConfig as Record<string, unknown>;
    for (const [key, field] of [
      ['MaximumRetryAttempts', 'maximumRetryAttempts'],
      ['MaximumEventAgeInSeconds', 'maximumEventAgeSeconds'],
    ] as const) {
      const value = config[key];
      if (value === undefined) continue;
      const number = Number(value);
      const { min, max } = FUNCTION_LIMITS[field];
      if (!Number.isInteger(number) || number < min || number > max)
        issues.error(
          [...configPath, key],
          `${key} must be an integer from ${min} to ${max}`,
          logicalId,
        );
      else spec.definition[field] = number;
    }
    const destinations = (config.DestinationConfig ?? {}) as Record<string, DestinationConfig>;
    for (const [key, field] of [
      ['OnSuccess', 'onSuccess'],
      ['OnFailure', 'onFailure'],
    ] as const) {
      const destination = destinations[key];
      if (!destination) continue;
      const path = [...configPath, 'DestinationConfig', key];
      const type = destination.Type ?? destinationTypeOf(destination.Destination);
      if (type !== undefined && type !== 'Lambda') {
        issues.warning(
          path,
          `${key} destination of type ${templateText(type)} is not delivered: only Lambda destinations (functions of this app) are`,
          logicalId,
        );
        continue;
      }
      spec.definition[field] = templateText(destination.Destination);
      spec.paths[field] = [...path, 'Destination'];
    }
  }
  if (deadLetterQueue && typeof deadLetterQueue === 'object') {
    const dlq = deadLetterQueue as Record<string, unknown>;
    issues.warning(
      dlqPath,
      `DeadLetterQueue of type ${String(dlq.Type)} cannot be reached here (no SQS/SNS service); failed events go to the OnFailure destination if there is one, else they are logged and dropped`,
      logicalId,
    );
  }
  return Object.keys(spec.definition).length > 0 ? spec : undefined;
}

const DESTINATION_SERVICES: Record<string, string> = {
  lambda: 'Lambda',
  sqs: 'SQS',
  sns: 'SNS',
  events: 'EventBridge',
  s3: 'S3Bucket',
};

/** A destination ARN's kind, as SAM's `Type` names it (CloudFormation's form has no `Type`). */
export function destinationTypeOf(destination: unknown): string | undefined {
  if (typeof destination !== 'string') return undefined;
  const service = /^arn:[^:]+:([^:]+):/.exec(destination)?.[1];
  return service === undefined ? undefined : (DESTINATION_SERVICES[service] ?? service);
}

/** `arn:aws:lambda:…:function:name[:qualifier]` or a plain name → the function name. */
export function functionNameOf(reference: string): string {
  const match = /:function:([A-Za-z0-9_-]+)(?::[^:]+)?$/.exec(reference);
  return match ? match[1] : reference;
}

/** Destinations must be functions of this app; turns ARNs into names. */
export function resolveDestinations(
  spec: AsyncSpec,
  functionNames: Set<string>,
  reporter: Reporter,
): AsyncInvokeDefinition {
  const definition = { ...spec.definition };
  for (const field of ['onSuccess', 'onFailure', 'deadLetter'] as const) {
    const value = definition[field];
    if (value === undefined) continue;
    const name = functionNameOf(value);
    if (!functionNames.has(name)) {
      reporter.issues.error(
        spec.paths[field] ?? [],
        `destination '${value}' is not a function of this template`,
        spec.declaredBy?.[field] ?? reporter.logicalId,
      );
      delete definition[field];
    } else definition[field] = name;
  }
  return definition;
}
