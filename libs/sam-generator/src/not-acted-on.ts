import { IssueList, TemplatePath } from './diagnostics';

/**
 * What it means for the user that onpre-lambda does not act on a property, resource type or event
 * type. Everything a template declares and the generator does not use is reported once, in the
 * summary at the end of `generate` (`IssueList.ignored`); these tables give the meaning. Add a row
 * where you know better than the fallback.
 */
const IAM = 'IAM is not enforced here: the function may call every local service';
const VERSIONS = 'one version of the function is served: no aliases, versions or traffic shifting';

export const PROPERTY_MEANINGS: Record<string, string> = {
  Policies: IAM,
  Role: IAM,
  RolePath: IAM,
  PermissionsBoundary: IAM,
  AssumeRolePolicyDocument: IAM,
  VpcConfig: 'no VPC: the function runs on the Lambda network and reaches what it can reach',
  Tracing: 'X-Ray traces are not recorded (trace ids are still passed on)',
  AutoPublishAlias: VERSIONS,
  AutoPublishAliasAllProperties: VERSIONS,
  AutoPublishCodeSha256: VERSIONS,
  DeploymentPreference: VERSIONS,
  VersionDescription: VERSIONS,
  VersionDeletionPolicy: VERSIONS,
  Architectures: "the function runs on this machine's architecture",
  Description: 'informational only',
  Tags: 'informational only',
  PropagateTags: 'informational only',
  KmsKeyArn: 'environment variables are not encrypted at rest',
  EphemeralStorage: "/tmp is the container's writable layer, not sized",
  FileSystemConfigs: 'no EFS mount: the function sees no file system at that path',
  SnapStart: 'no SnapStart: cold starts are ordinary container starts',
  RuntimeManagementConfig: 'the runtime is the base image you build with',
  LoggingConfig: 'logs go to the Gateway’s CloudWatch Logs store in the default text format',
  CodeSigningConfigArn: 'code signatures are not checked',
  RecursiveLoop: 'recursive loops are not detected',
  // Tables and buckets (data-resources.ts): created on the local DynamoDB and S3, these not applied.
  ProvisionedThroughput: 'capacity is not limited here (tables are on-demand)',
  BillingMode: 'capacity is not limited here (tables are on-demand)',
  StreamSpecification: 'no DynamoDB stream: nothing reads item changes here',
  TimeToLiveSpecification: 'items are not expired',
  SSESpecification: 'data is not encrypted at rest by onpre-lambda',
  PointInTimeRecoverySpecification: 'no point-in-time recovery: back up the data volume',
  DeletionProtectionEnabled: 'tables are never deleted by onpre-lambda',
  TableClass: 'one storage class',
  NotificationConfiguration: 'bucket notifications are not sent',
  VersioningConfiguration: 'objects are not versioned',
  LifecycleConfiguration: 'lifecycle rules are not applied',
  BucketEncryption: 'data is not encrypted at rest by onpre-lambda',
  CorsConfiguration: 'the S3 endpoint answers with its own CORS rules',
  PublicAccessBlockConfiguration: 'access is by the function credentials only',
  OwnershipControls: 'access is by the function credentials only',
  AccessControl: 'access is by the function credentials only',
  // APIs (api-properties.ts).
  GatewayResponses:
    "API Gateway's default gateway responses are sent (status, body, headers): a customised one, e.g. CORS headers on a 401, is not",
  TracingEnabled: 'X-Ray traces are not recorded (trace ids are still passed on)',
  AccessLogSetting: 'access logs in this format are not written (the Gateway logs each request)',
  AccessLogSettings: 'access logs in this format are not written (the Gateway logs each request)',
  CacheClusterEnabled: 'no API cache: every request reaches the function',
  CacheClusterSize: 'no API cache: every request reaches the function',
  Domain: "no custom domain: the Gateway's own host and port serve the API",
  EndpointConfiguration: 'one endpoint: the Gateway',
  DisableExecuteApiEndpoint: 'one endpoint: the Gateway',
  MinimumCompressionSize: 'responses are not compressed by the Gateway',
  CanarySetting: VERSIONS,
  Name: 'informational only',
  OpenApiVersion: 'informational only',
  AlwaysDeploy: 'informational only (nothing is deployed)',
  Models: 'request models are not validated',
  FailOnWarnings: 'informational only',
};

export const RESOURCE_MEANINGS: Record<string, string> = {
  'AWS::IAM::Role': IAM,
  'AWS::IAM::Policy': IAM,
  'AWS::IAM::ManagedPolicy': IAM,
  'AWS::Lambda::Permission': 'invoke permissions are not enforced: every route may invoke',
  'AWS::Logs::LogGroup': 'logs go to the Gateway’s CloudWatch Logs store; retention is not applied',
  'AWS::CloudWatch::Alarm': 'no alarms are raised',
  'AWS::SNS::Subscription':
    'no SNS service here: an SNS-compatible topic delivering to the function would be needed; invoke the function with the Lambda API instead',
  'AWS::Events::EventBus': 'no event bus here: only schedules are run (docs/schedules.md)',
};

const FALLBACK_PROPERTY = 'not modelled by onpre-lambda; it has no effect here';
const FALLBACK_RESOURCE =
  'not created by onpre-lambda; provide it on your own endpoint if your functions use it';

/** Reports every property of `properties` that is not in `used`. */
export function reportIgnoredProperties(
  properties: Record<string, unknown>,
  used: readonly string[],
  path: TemplatePath,
  issues: IssueList,
  logicalId?: string,
): void {
  for (const name of Object.keys(properties)) {
    if (used.includes(name)) continue;
    issues.ignored([...path, name], name, PROPERTY_MEANINGS[name] ?? FALLBACK_PROPERTY, logicalId);
  }
}

/** Reports a resource the generator neither creates nor reads. */
export function reportIgnoredResource(logicalId: string, type: string, issues: IssueList): void {
  issues.ignored(
    ['Resources', logicalId, 'Type'],
    type,
    RESOURCE_MEANINGS[type] ?? FALLBACK_RESOURCE,
    logicalId,
  );
}

/** `Globals` sections the generator reads (APIs' keys are reported one by one); the others whole. */
const USED_GLOBALS = ['Function', 'Api', 'HttpApi'];

/** Reports `Globals` sections nothing reads (e.g. `SimpleTable`, `StateMachine`). */
export function reportIgnoredGlobals(globals: Record<string, unknown>, issues: IssueList): void {
  for (const section of Object.keys(globals)) {
    if (USED_GLOBALS.includes(section)) continue;
    issues.ignored(['Globals', section], `Globals.${section}`, FALLBACK_PROPERTY);
  }
}
