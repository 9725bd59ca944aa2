import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import {
  EnsureRequestDto,
  EnsureResponseDto,
  HeartbeatRequestDto,
  HeartbeatResponseDto,
  ListContainersResponseDto,
  ListFunctionsResponseDto,
  StopResponseDto,
} from '@app/contracts';
import { FunctionRegistry } from '../config/function-registry';
import { ContainerAdmin } from '../pool/container-admin';
import { FunctionPools } from '../pool/function-pools';
import { TokenProtectedApi } from './manager-token.guard';

@TokenProtectedApi('manager')
@Controller()
export class ManagerApiController {
  constructor(
    private readonly pools: FunctionPools,
    private readonly admin: ContainerAdmin,
    private readonly registry: FunctionRegistry,
  ) {}

  @ApiOperation({ summary: 'Names of the configured functions' })
  @ApiOkResponse({ type: ListFunctionsResponseDto })
  @Get('functions')
  functions(): ListFunctionsResponseDto {
    return { functions: this.registry.names() };
  }

  @ApiOperation({ summary: "Ensure a function's containers are running; returns the pool" })
  @ApiOkResponse({ type: EnsureResponseDto })
  @Post('functions/ensure')
  @HttpCode(200)
  ensure(@Body() body: EnsureRequestDto): Promise<EnsureResponseDto> {
    return this.pools.ensure(body.function, body.reason ?? 'cold', body.count ?? 1, body.touch);
  }

  @ApiOperation({ summary: "List this Manager's containers" })
  @ApiOkResponse({ type: ListContainersResponseDto })
  @Get('containers')
  async list(): Promise<ListContainersResponseDto> {
    return { containers: await this.admin.list() };
  }

  @ApiOperation({ summary: 'Stop and remove one container (idempotent)' })
  @ApiOkResponse({ type: StopResponseDto })
  @Delete('containers/:name')
  stopContainer(@Param('name') name: string): Promise<StopResponseDto> {
    return this.admin.stopContainer(name);
  }

  @ApiOperation({ summary: "Stop and remove all of a function's containers (idempotent)" })
  @ApiOkResponse({ type: StopResponseDto })
  @Delete('functions/:name/containers')
  stopFunction(@Param('name') name: string): Promise<StopResponseDto> {
    return this.admin.stopFunction(name);
  }

  @ApiOperation({ summary: 'Batched activity reports for warm-path traffic' })
  @ApiOkResponse({ type: HeartbeatResponseDto })
  @Post('heartbeat')
  @HttpCode(200)
  heartbeat(@Body() body: HeartbeatRequestDto): HeartbeatResponseDto {
    return this.admin.heartbeat(body);
  }
}
