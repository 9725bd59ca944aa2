import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import {
  ActivityReportDto,
  ContainerAddressDto,
  EnsureRequestDto,
  EnsureResponseDto,
  HeartbeatRequestDto,
  HeartbeatResponseDto,
  ListContainersResponseDto,
  ManagedContainerDto,
  StopResponseDto,
} from '@app/contracts';

type Described<T> = { [K in keyof T]?: ApiPropertyOptions };

const FUNCTION_NAME = { type: String, pattern: '^[A-Za-z0-9_-]{1,64}$', example: 'hello' };
const nullableString = { type: String, nullable: true };

/**
 * The contracts stay framework-free (no @nestjs/swagger decorators), so the Manager describes their
 * fields for its OpenAPI document here, once, when the document is built.
 */
function describe<T>(dto: abstract new () => T, fields: Described<T>): void {
  for (const [field, options] of Object.entries(fields)) {
    ApiProperty(options as ApiPropertyOptions)(dto.prototype as object, field);
  }
}

export function describeContractSchemas(): void {
  describe(EnsureRequestDto, {
    function: FUNCTION_NAME,
    reason: { enum: ['cold', 'scale'], required: false, default: 'cold' },
    requestId: { type: String, required: false, maxLength: 200 },
  });
  describe(ContainerAddressDto, {
    id: { type: String },
    name: { type: String, example: 'lambda-hello-1' },
    url: { type: String, example: 'http://127.0.0.1:49153' },
  });
  describe(EnsureResponseDto, {
    function: { type: String },
    containers: { type: [ContainerAddressDto] },
    started: { type: Number },
    maxContainers: { type: Number },
    timeoutSeconds: { type: Number },
  });
  describe(ManagedContainerDto, {
    id: { type: String },
    name: { type: String },
    function: { type: String },
    state: { enum: ['running', 'paused', 'stopped', 'starting', 'unknown'] },
    url: nullableString,
    configHash: { type: String },
    createdAt: { type: String, format: 'date-time' },
    lastActiveAt: { ...nullableString, format: 'date-time' },
  });
  describe(ListContainersResponseDto, { containers: { type: [ManagedContainerDto] } });
  describe(StopResponseDto, { stopped: { type: [String] } });
  describe(ActivityReportDto, {
    function: FUNCTION_NAME,
    url: { type: String, maxLength: 300 },
    lastActiveAt: { type: String, format: 'date-time' },
    invocations: { type: Number, minimum: 0 },
  });
  describe(HeartbeatRequestDto, { reports: { type: [ActivityReportDto], maxItems: 10_000 } });
  describe(HeartbeatResponseDto, { accepted: { type: Number } });
}
