import { IssueList, TemplateError, TemplatePath } from './diagnostics';
import type { IntrinsicResolver, TemplateResource } from './intrinsics';
import type { FunctionSpec } from './model';
import { functionNameOf, readScheduleEvent, type ScheduleSpec } from './schedules';

/** The resource types read here: schedules declared as plain CloudFormation. */
export const SCHEDULE_RESOURCE_TYPES = ['AWS::Events::Rule', 'AWS::Scheduler::Schedule'];

interface RuleTarget {
  Id?: unknown;
  Arn?: unknown;
  Input?: unknown;
  InputPath?: unknown;
  InputTransformer?: unknown;
  [key: string]: unknown;
}

/** The function a target's `Arn` names, if it is one of this app's. */
function targetFunction(arn: unknown, functionNames: Set<string>): string | undefined {
  if (typeof arn !== 'string') return undefined;
  const name = functionNameOf(arn);
  return functionNames.has(name) && (arn === name || arn.includes(':function:')) ? name : undefined;
}

function reportTargetExtras(
  target: RuleTarget,
  path: TemplatePath,
  what: string,
  logicalId: string,
  issues: IssueList,
): void {
  for (const key of ['InputPath', 'InputTransformer', 'RetryPolicy', 'DeadLetterConfig']) {
    if (target[key] !== undefined)
      issues.ignored(
        [...path, key],
        `${what}.${key}`,
        key.startsWith('Input')
          ? 'not applied: the function receives the Scheduled Event (or Input) whole'
          : 'not applied: the run is queued like an async invocation and the function’s own retries apply',
        logicalId,
      );
  }
}

/** `AWS::Events::Rule` with a `ScheduleExpression`: one schedule per target that is a function here. */
function readRule(
  logicalId: string,
  properties: Record<string, unknown>,
  functionNames: Set<string>,
  issues: IssueList,
): ScheduleSpec[] {
  const path = ['Resources', logicalId, 'Properties'];
  if (properties.ScheduleExpression === undefined) {
    issues.ignored(
      ['Resources', logicalId, 'Type'],
      'AWS::Events::Rule',
      'an event-pattern rule needs an event bus delivering matching events; only schedule rules are run here',
      logicalId,
    );
    return [];
  }
  const targets = Array.isArray(properties.Targets) ? (properties.Targets as RuleTarget[]) : [];
  const schedules: ScheduleSpec[] = [];
  targets.forEach((target, index) => {
    const targetPath = [...path, 'Targets', index];
    const fn = targetFunction(target.Arn, functionNames);
    if (!fn) {
      issues.ignored(
        [...targetPath, 'Arn'],
        `${logicalId}.Targets[${index}]`,
        'not delivered: only targets that are functions of this app are invoked',
        logicalId,
      );
      return;
    }
    reportTargetExtras(target, targetPath, `${logicalId}.Targets[${index}]`, logicalId, issues);
    const base = typeof properties.Name === 'string' ? properties.Name : logicalId;
    const schedule = readScheduleEvent(
      'Schedule',
      `Targets[${index}]`,
      {
        ScheduleExpression: properties.ScheduleExpression,
        State: properties.State,
        Input: target.Input,
        Name:
          targets.length > 1
            ? `${base}-${typeof target.Id === 'string' ? target.Id : index}`
            : base,
      },
      ['Resources', logicalId],
      fn,
      { issues, logicalId },
    );
    if (schedule) schedules.push(schedule);
  });
  if (targets.length === 0)
    issues.warning(path, 'a schedule rule without Targets invokes nothing', logicalId);
  return schedules;
}

/** `AWS::Scheduler::Schedule` whose `Target.Arn` is a function of this app. */
function readScheduler(
  logicalId: string,
  properties: Record<string, unknown>,
  functionNames: Set<string>,
  issues: IssueList,
): ScheduleSpec[] {
  const path = ['Resources', logicalId, 'Properties'];
  const target = (properties.Target ?? {}) as RuleTarget;
  const fn = targetFunction(target.Arn, functionNames);
  if (!fn) {
    issues.ignored(
      [...path, 'Target', 'Arn'],
      `${logicalId}.Target`,
      'not delivered: only a target that is a function of this app is invoked (universal targets are not)',
      logicalId,
    );
    return [];
  }
  reportTargetExtras(target, [...path, 'Target'], `${logicalId}.Target`, logicalId, issues);
  const schedule = readScheduleEvent(
    'ScheduleV2',
    'Schedule',
    {
      ...properties,
      Input: target.Input,
      Name: typeof properties.Name === 'string' ? properties.Name : logicalId,
    },
    ['Resources', logicalId],
    fn,
    { issues, logicalId },
  );
  return schedule ? [schedule] : [];
}

/**
 * Schedules declared as `AWS::Events::Rule` / `AWS::Scheduler::Schedule` resources, added to the
 * functions they target (before `checkInvocationTargets`, which checks names are unique). `failed`:
 * names of the template's functions that had errors (their schedules are checked, not kept).
 */
export function readScheduleResources(
  resources: Array<[string, TemplateResource]>,
  functions: FunctionSpec[],
  resolver: IntrinsicResolver,
  issues: IssueList,
  failed: ReadonlySet<string> = new Set(),
): void {
  const byName = new Map(functions.map((fn) => [fn.name, fn]));
  // a function with errors (already reported) is still a function of the app: no second message
  const names = new Set([...byName.keys(), ...failed]);
  for (const [logicalId, resource] of resources) {
    if (!SCHEDULE_RESOURCE_TYPES.includes(resource.Type)) continue;
    let properties: Record<string, unknown>;
    try {
      properties = (resolver.resolve(resource.Properties ?? {}, [
        'Resources',
        logicalId,
        'Properties',
      ]) ?? {}) as Record<string, unknown>;
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      issues.error(error.path, error.message, logicalId);
      continue;
    }
    const read = resource.Type === 'AWS::Events::Rule' ? readRule : readScheduler;
    for (const schedule of read(logicalId, properties, names, issues)) {
      const fn = byName.get(schedule.function);
      if (fn) fn.schedules = [...(fn.schedules ?? []), schedule];
    }
  }
}
