/** Manager API DTOs of the async queue and schedules (Gateway ↔ Manager). */
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** Lambda's limit for an asynchronous invocation's payload (256 KB). */
export const ASYNC_PAYLOAD_LIMIT = 262_144;

export class EnqueueRequestDto {
  /** The event, JSON text. */
  @IsString()
  @MaxLength(ASYNC_PAYLOAD_LIMIT)
  payload!: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_.-]{1,128}$/)
  requestId?: string;
}

export class EnqueueResponseDto {
  id!: string;
}

export class LeaseRequestDto {
  @IsInt()
  @Min(1)
  @Max(100)
  max!: number;

  /** Long-poll: how long to wait for a due event. */
  @IsInt()
  @Min(0)
  @Max(30_000)
  waitMs!: number;
}

export class LeasedEventDto {
  /** The event's id (what the result is reported under). */
  id!: string;
  function!: string;
  /** The event, JSON text. */
  payload!: string;
  /** This delivery's number: 1 for the first, then each retry counts. */
  attempt!: number;
}

export class LeaseResponseDto {
  events!: LeasedEventDto[];
}

export class DeliveryResultDto {
  @IsIn(['success', 'functionError', 'systemError'])
  kind!: 'success' | 'functionError' | 'systemError';

  /** The function's answer (JSON text) for success and functionError. */
  @IsOptional()
  @IsString()
  @MaxLength(6_291_456)
  payload?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  errorType?: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  message?: string;
}

export class DeliveryResultResponseDto {
  /** false: no such event (already finished, or unknown); nothing changed. */
  accepted!: boolean;
}

export class QueueStatsDto {
  function!: string;
  /** Events queued for the function (due or waiting for a retry). */
  size!: number;
  /** Age of its oldest queued event. */
  oldestAgeSeconds!: number;
}

export class QueuesResponseDto {
  queues!: QueueStatsDto[];
}

export class ScheduleViewDto {
  /** The schedule's name (its template logical id and event name). */
  name!: string;
  function!: string;
  /** `rate(...)`, `cron(...)` or `at(...)` in AWS syntax. */
  expression!: string;
  /** IANA time zone the expression is read in. */
  timezone!: string;
  enabled!: boolean;
  /** Next run (ISO); absent when disabled or when no run is left. */
  nextAt?: string;
  /** The last run queued (ISO). */
  lastScheduledAt?: string;
}

export class SchedulesResponseDto {
  schedules!: ScheduleViewDto[];
}

export class TriggerResponseDto {
  schedule!: string;
  function!: string;
  /** The queued event's id. */
  eventId!: string;
}
