import 'reflect-metadata';
/** Manager HTTP API wire DTOs (internal API between Gateway and Manager). */
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

/** Function names as Lambda allows them (letters, digits, hyphen, underscore; 1–64). */
export const FUNCTION_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export const MANAGER_TOKEN_HEADER = 'x-manager-token';

export type EnsureReason = 'cold' | 'scale';

export class EnsureRequestDto {
  @IsString()
  @Matches(FUNCTION_NAME_PATTERN, { message: 'function must match [A-Za-z0-9_-]{1,64}' })
  function!: string;

  /**
   * `cold`: make sure at least one container is running and return the pool.
   * `scale`: the caller has all known containers busy; start one more if under the limit.
   */
  @IsOptional()
  @IsIn(['cold', 'scale'])
  reason?: EnsureReason;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  requestId?: string;

  /**
   * `scale`: how many more containers the caller could use now (its waiting requests); they start
   * in parallel, up to the reserved concurrency. Default 1; ignored for `cold`.
   */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  count?: number;

  /**
   * The caller sends to the returned containers now: paused (cool) ones are unpaused and every
   * returned container's idle clock restarts. Without it, paused containers are unpaused only when
   * the pool needs them.
   */
  @IsOptional()
  @IsBoolean()
  touch?: boolean;
}

export class ContainerAddressDto {
  /** Docker container id. */
  id!: string;
  /** `lambda-<function>-<n>`. */
  name!: string;
  /** Base URL of the runtime, e.g. `http://127.0.0.1:49153` or `http://172.20.0.5:8080`. */
  url!: string;
  /** The last activity the Manager knows of (ISO); its cool-tier clock runs from here. */
  lastActiveAt?: string;
}

export class EnsureResponseDto {
  function!: string;
  /** Every running, ready container of the function. */
  containers!: ContainerAddressDto[];
  /** Containers started by this call (0 when warm). */
  started!: number;
  /** The function's reserved concurrency: the pool never grows past it. */
  maxContainers!: number;
  /** Function timeout in seconds (the Gateway uses it for its upstream deadline). */
  timeoutSeconds!: number;
  /**
   * The cool tier: a container idle (as the Manager knows it) this long may be paused; a caller must
   * ensure with `touch` before sending to it. 0 or absent: containers are never paused.
   */
  coolAfterSeconds?: number;
}

export type ContainerState = 'running' | 'paused' | 'stopped' | 'starting' | 'unknown';

export class ManagedContainerDto {
  id!: string;
  name!: string;
  function!: string;
  state!: ContainerState;
  url!: string | null;
  configHash!: string;
  createdAt!: string;
  /** ISO time of the last activity the Manager knows of (ensure or heartbeat). */
  lastActiveAt!: string | null;
}

/** The functions functions.yml configures (the Gateway answers unknown names itself). */
export class ListFunctionsResponseDto {
  functions!: string[];
}

export class ListContainersResponseDto {
  containers!: ManagedContainerDto[];
}

export class StopResponseDto {
  stopped!: string[];
}

export class ActivityReportDto {
  @IsString()
  @Matches(FUNCTION_NAME_PATTERN, { message: 'function must match [A-Za-z0-9_-]{1,64}' })
  function!: string;

  /** Container base URL the Gateway used (as returned by ensure). */
  @IsString()
  @MaxLength(300)
  url!: string;

  @IsISO8601()
  lastActiveAt!: string;

  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  invocations!: number;
}

export class HeartbeatRequestDto {
  @IsArray()
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => ActivityReportDto)
  reports!: ActivityReportDto[];
}

export class HeartbeatResponseDto {
  /** Reports matched to a known container. */
  accepted!: number;
}
