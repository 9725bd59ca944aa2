import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Req,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import {
  DeliveryResultDto,
  DeliveryResultResponseDto,
  EnqueueRequestDto,
  EnqueueResponseDto,
  LeaseRequestDto,
  LeaseResponseDto,
  QueuesResponseDto,
  SchedulesResponseDto,
  TriggerResponseDto,
} from '@app/contracts';
import type { DeliveryOutcome } from '../async/async-policy';
import { AsyncQueue } from '../async/async-queue';
import { ScheduleRunner } from '../async/schedule-runner';
import { TokenProtectedApi } from './manager-token.guard';

function outcomeOf(result: DeliveryResultDto): DeliveryOutcome {
  if (result.kind === 'systemError') return { kind: 'systemError', message: result.message ?? '' };
  if (result.payload === undefined) throw new BadRequestException('payload is required');
  if (result.kind === 'success') return { kind: 'success', payload: result.payload };
  return {
    kind: 'functionError',
    payload: result.payload,
    errorType: result.errorType ?? 'Unhandled',
  };
}

/** Async invocation queue (Gateways enqueue, lease, report) and schedules (list, trigger by hand). */
@TokenProtectedApi('async')
@Controller()
export class AsyncApiController {
  constructor(
    private readonly queue: AsyncQueue,
    private readonly schedules: ScheduleRunner,
  ) {}

  @Post('async/functions/:name/events')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Queue an async invocation (answered once it is on disk; 429 when full)',
  })
  @ApiAcceptedResponse({ type: EnqueueResponseDto })
  async enqueue(
    @Param('name') name: string,
    @Body() body: EnqueueRequestDto,
  ): Promise<EnqueueResponseDto> {
    const event = await this.queue.enqueue(name, body.payload, body.requestId);
    return { id: event.id };
  }

  @Post('async/lease')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lease due events for delivery (long-poll up to waitMs)' })
  @ApiOkResponse({ type: LeaseResponseDto })
  async lease(
    @Body() body: LeaseRequestDto,
    @Req() request: FastifyRequest,
  ): Promise<LeaseResponseDto> {
    // A Gateway that went away mid-poll must not be handed events it will never deliver.
    const gone = new AbortController();
    const onClose = () => gone.abort();
    request.raw.socket.once('close', onClose);
    try {
      return { events: await this.queue.lease(body.max, body.waitMs, gone.signal) };
    } finally {
      request.raw.socket.off('close', onClose);
    }
  }

  @Post('async/events/:id/result')
  @HttpCode(200)
  @ApiOperation({ summary: 'Report the outcome of one delivery' })
  @ApiOkResponse({ type: DeliveryResultResponseDto })
  async report(
    @Param('id') id: string,
    @Body() body: DeliveryResultDto,
  ): Promise<DeliveryResultResponseDto> {
    return { accepted: await this.queue.report(id, outcomeOf(body)) };
  }

  @Get('async/queues')
  @ApiOperation({ summary: 'Queued events per function' })
  @ApiOkResponse({ type: QueuesResponseDto })
  queues(): QueuesResponseDto {
    return { queues: this.queue.stats() };
  }

  @Get('schedules')
  @ApiOperation({ summary: 'Configured schedules with their next run' })
  @ApiOkResponse({ type: SchedulesResponseDto })
  list(): SchedulesResponseDto {
    return { schedules: this.schedules.list() };
  }

  @Post('schedules/:name/trigger')
  @HttpCode(202)
  @ApiOperation({ summary: 'Run a schedule now (queued like a timed run)' })
  @ApiAcceptedResponse({ type: TriggerResponseDto })
  trigger(@Param('name') name: string): Promise<TriggerResponseDto> {
    return this.schedules.trigger(name);
  }
}
