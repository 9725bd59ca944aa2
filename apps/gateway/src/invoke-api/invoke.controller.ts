import {
  Controller,
  Headers,
  HttpCode,
  Logger,
  Param,
  Post,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  FUNCTION_ERROR_HEADER,
  LOG_RESULT_HEADER,
  LOG_TYPE_HEADER,
} from '@app/contracts/lambda-error';
import { FunctionInvoker } from '../invocation/function-invoker';
import { InvocationFailure, type InvocationFailureReason } from '../invocation/invocation-errors';
import { GatewayMetrics } from '../observability/gateway-metrics';
import { functionNameFrom } from './function-name';
import { InvokeAuthGuard } from './invoke-auth.guard';
import { LambdaApiError } from './lambda-api-error';

const FAILURES: Record<InvocationFailureReason, [number, string]> = {
  notFound: [404, 'ResourceNotFoundException'],
  unavailable: [503, 'ServiceException'],
  timeout: [504, 'ServiceException'],
  throttled: [429, 'TooManyRequestsException'],
};

function lambdaError(error: unknown): unknown {
  if (!(error instanceof InvocationFailure)) return error;
  const [status, type] = FAILURES[error.reason];
  return new LambdaApiError(status, type, error.message);
}

/**
 * The Lambda Invoke API (`POST /2015-03-31/functions/{name}/invocations`), so the AWS SDKs' Lambda
 * clients work unchanged: `RequestResponse` answers the result (function errors as 200 with
 * `X-Amz-Function-Error`), `Event` answers 202 and runs in the background, `DryRun` answers 204.
 * `LogType: Tail` (RequestResponse) adds the last 4 KB of the invocation's log as `X-Amz-Log-Result`.
 */
@Controller('2015-03-31/functions')
@UseGuards(InvokeAuthGuard)
export class InvokeController {
  private readonly logger = new Logger(InvokeController.name);

  constructor(
    private readonly invoker: FunctionInvoker,
    private readonly metrics: GatewayMetrics,
  ) {}

  @Post(':name/invocations')
  @HttpCode(200)
  async invoke(
    @Param('name') nameParam: string,
    @Headers('x-amz-invocation-type') invocationType: string | undefined,
    @Headers(LOG_TYPE_HEADER) logType: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const name = functionNameFrom(nameParam);
    if (!name)
      throw new LambdaApiError(400, 'InvalidParameterValueException', 'Invalid FunctionName');
    const type = invocationType ?? 'RequestResponse';
    if (!['RequestResponse', 'Event', 'DryRun'].includes(type)) {
      throw new LambdaApiError(400, 'InvalidParameterValueException', 'Invalid InvocationType');
    }
    if (logType !== undefined && !['None', 'Tail'].includes(logType)) {
      throw new LambdaApiError(400, 'InvalidParameterValueException', 'Invalid LogType');
    }
    const body =
      Buffer.isBuffer(request.body) && request.body.length > 0 ? request.body : Buffer.from('{}');
    this.metrics.labelRoute(request.raw, `INVOKE ${name}`);
    if (type === 'DryRun') {
      void reply.status(204).send();
      return;
    }
    const tail = type === 'RequestResponse' && logType === 'Tail';
    const invocation = this.invoker.invoke(
      name,
      body,
      request.id,
      tail ? { [LOG_TYPE_HEADER]: 'Tail' } : undefined,
    );
    if (type === 'Event') {
      invocation.catch((error: unknown) =>
        this.logger.warn(`async invoke of ${name} failed: ${(error as Error).message}`),
      );
      void reply.status(202).send();
      return;
    }
    const { outcome, cacheHit, coldStart, logResult } = await invocation.catch((error: unknown) => {
      throw lambdaError(error);
    });
    this.metrics.observeInvocation(name, cacheHit, coldStart);
    void reply
      .header('x-amz-executed-version', '$LATEST')
      .header('content-type', 'application/json');
    if (outcome.kind !== 'success') void reply.header(FUNCTION_ERROR_HEADER, 'Unhandled');
    if (tail && logResult !== undefined) void reply.header(LOG_RESULT_HEADER, logResult);
    void reply.status(200).send(outcome.payload);
  }
}
