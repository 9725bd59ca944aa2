import { IssueList, TemplatePath } from './diagnostics';
import type { FunctionSpec } from './model';
import { readAsyncSpec, readScheduleEvent, resolveDestinations, ScheduleSpec } from './schedules';

interface EventDefinition {
  Type?: unknown;
  Properties?: Record<string, unknown>;
}

/** A function's schedules (`Schedule`/`ScheduleV2` events) and async settings, as read. */
export function readFunctionInvocations(
  logicalId: string,
  functionName: string,
  merged: Record<string, unknown>,
  events: Record<string, unknown>,
  where: (key: string) => TemplatePath,
  issues: IssueList,
): Pick<FunctionSpec, 'schedules' | 'asyncSpec'> {
  const reporter = { issues, logicalId };
  const schedules: ScheduleSpec[] = [];
  for (const [eventId, value] of Object.entries(events)) {
    const event = (value ?? {}) as EventDefinition;
    if (event.Type !== 'Schedule' && event.Type !== 'ScheduleV2') continue;
    const eventPath = ['Resources', logicalId, 'Properties', 'Events', eventId];
    const schedule = readScheduleEvent(
      event.Type,
      eventId,
      event.Properties ?? {},
      eventPath,
      functionName,
      reporter,
    );
    if (schedule) schedules.push(schedule);
  }
  const asyncSpec = readAsyncSpec(
    merged.EventInvokeConfig,
    merged.DeadLetterQueue,
    where('EventInvokeConfig'),
    where('DeadLetterQueue'),
    reporter,
  );
  return {
    ...(schedules.length > 0 ? { schedules } : {}),
    ...(asyncSpec ? { asyncSpec } : {}),
  };
}

/** Checks schedule names are unique and destinations name functions of this app; sets `async`. */
export function checkInvocationTargets(functions: FunctionSpec[], issues: IssueList): void {
  const names = new Set(functions.map((fn) => fn.name));
  const scheduleOwners = new Map<string, string>();
  for (const fn of functions) {
    if (fn.asyncSpec)
      fn.async = resolveDestinations(fn.asyncSpec, names, { issues, logicalId: fn.logicalId });
    for (const schedule of fn.schedules ?? []) {
      const owner = scheduleOwners.get(schedule.name);
      if (owner)
        issues.error(
          schedule.path,
          `schedule name '${schedule.name}' is also used by ${owner}`,
          fn.logicalId,
        );
      scheduleOwners.set(schedule.name, fn.logicalId);
    }
  }
}
