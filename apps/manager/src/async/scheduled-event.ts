import { randomUUID } from 'node:crypto';
import type { ScheduleConfig } from '../config/invocation-config';

export interface ScheduledEventContext {
  region: string;
  account: string;
}

/** `2026-01-01T10:00:00Z`: EventBridge's `time` has no fraction of a second. */
const eventTime = (at: number): string => new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * What a schedule sends the function: its constant `input` when set; else an EventBridge rule's
 * Scheduled Event (AWS EventBridge user guide, "Scheduled events"); else `{}` for Scheduler.
 */
export function scheduledEventPayload(
  schedule: Pick<ScheduleConfig, 'name' | 'input' | 'kind'>,
  scheduledAt: number,
  context: ScheduledEventContext,
): string {
  if (schedule.input !== undefined) return schedule.input;
  if (schedule.kind === 'scheduler') return '{}';
  return JSON.stringify({
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: context.account,
    time: eventTime(scheduledAt),
    region: context.region,
    resources: [`arn:aws:events:${context.region}:${context.account}:rule/${schedule.name}`],
    detail: {},
  });
}
