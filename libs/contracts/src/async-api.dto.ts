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

export interface LeasedEventDto {
  id: string;
  function: string;
  payload: string;
  attempt: number;
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
