import {
  Controller,
  Headers,
  HttpCode,
  Logger,
  Param,
  Post,
  Req,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { FUNCTION_ERROR_HEADER, LOG_RESULT_HEADER, LOG_TYPE_HEADER } from '@app/contracts';
import { AsyncInvocations } from '../async/async-invocations';
import { InvokeAuthGuard } from '../auth/invoke-auth.guard';
import type { HttpResponse } from '../events/lambda-result';
import { HttpResponseInterceptor } from '../http/http-response.interceptor';
import { LambdaApiError } from '../http/lambda-api-error';
import { FunctionInvoker, type InvocationResult } from '../invocation/function-invoker';
import { KnownFunctions } from '../invocation/known-functions';
import { InvocationFailure, type InvocationFailureReason } from '../invocation/invocation-errors';
import { GatewayMetrics } from '../observability/gateway-metrics';
import { functionNameFrom } from './function-name';

/** Status, error type and message per failure, in the Lambda service's words: no internals. */
const FAILURES: Record<InvocationFailureReason, [number, string, (name: string) => string]> = {
  notFound: [404, 'ResourceNotFoundException', (name) => `Function not found: ${name}`],
  unavailable: [503, 'ServiceException', () => 'The Lambda service is unavailable; try again.'],
  timeout: [504, 'ServiceException', () => 'The function could not be started in time.'],
  throttled: [429, 'TooManyRequestsException', () => 'Rate Exceeded.'],
};

function lambdaError(error: InvocationFailure, name: string): LambdaApiError {
  const [status, type, message] = FAILURES[error.reason];
  return new LambdaApiError(status, type, message(name));
}

function emptyResponse(statusCode: number): HttpResponse {
  return { statusCode, headers: {}, body: Buffer.alloc(0) };
}

/** RequestResponse: the function's payload; its errors as 200 with `X-Amz-Function-Error`. */
function invokeResponse(result: InvocationResult, tail: boolean): HttpResponse {
  const headers: Record<string, string[]> = {
    'x-amz-executed-version': ['$LATEST'],
    'content-type': ['application/json'],
  };
  if (result.outcome.kind !== 'success') headers[FUNCTION_ERROR_HEADER] = ['Unhandled'];
  if (tail && result.logResult !== undefined) headers[LOG_RESULT_HEADER] = [result.logResult];
  return { statusCode: 200, headers, body: result.outcome.payload };
}

/**
 * The Lambda Invoke API (`POST /2015-03-31/functions/{name}/invocations`), so the AWS SDKs' Lambda
 * clients work unchanged: `RequestResponse` answers the result (function errors as 200 with
 * `X-Amz-Function-Error`), `Event` answers 202 once the Manager's durable queue holds the event (retried and
 * delivered from there: docs/schedules.md), `DryRun` answers 204.
 * `LogType: Tail` (RequestResponse) adds the last 4 KB of the invocation's log as `X-Amz-Log-Result`.
 */
@Controller('2015-03-31/functions')
@UseGuards(InvokeAuthGuard)
@UseInterceptors(HttpResponseInterceptor)
export class InvokeController {
  private readonly logger = new Logger(InvokeController.name);

  constructor(
    private readonly invoker: FunctionInvoker,
    private readonly asyncInvocations: AsyncInvocations,
    private readonly metrics: GatewayMetrics,
    private readonly known: KnownFunctions,
  ) {}

  @Post(':name/invocations')
  @HttpCode(200)
  async invoke(
    @Param('name') nameParam: string,
    @Headers('x-amz-invocation-type') invocationType: string | undefined,
    @Headers(LOG_TYPE_HEADER) logType: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<HttpResponse> {
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
    // Unknown names are answered here: no Manager round trip, pool entry or metrics label each.
    if (!(await this.known.mayExist(name)))
      throw lambdaError(new InvocationFailure('notFound', name), name);
    this.metrics.labelRoute(request.raw, `INVOKE ${name}`);
    if (type === 'DryRun') return emptyResponse(204);
    if (type === 'Event') {
      await this.asyncInvocations.enqueue(name, body, request.id);
      return emptyResponse(202);
    }
    const tail = type === 'RequestResponse' && logType === 'Tail';
    const invocation = this.invoker.invoke(
      name,
      body,
      request.id,
      tail ? { [LOG_TYPE_HEADER]: 'Tail' } : undefined,
    );
    const result = await invocation.catch((error: unknown) => {
      if (!(error instanceof InvocationFailure)) throw error;
      // The detail (Manager answers, addresses) is for the log, not the caller.
      this.logger.warn(`invoke of ${name} failed (${request.id}): ${error.message}`);
      throw lambdaError(error, name);
    });
    this.metrics.observeInvocation(name, result.cacheHit, result.coldStart);
    return invokeResponse(result, tail);
  }
}
