import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { GatewayRefusal } from './gateway-refusal';
import { InvocationFailure } from '../invocation/invocation-errors';
import { ROUTE_FAILURE_STATUS } from './api-gateway-messages';
import { apiGatewayError, lambdaServiceError } from './error-replies';
import { sendHttpResponse } from './fastify-request';
import { LambdaApiError } from './lambda-api-error';

/** A report such as Terminus's health result, as opposed to Nest's `{statusCode, message}`. */
function isStructuredReport(response: string | object): boolean {
  return typeof response === 'object' && !('message' in response);
}

function statusOf(exception: unknown): number {
  if (exception instanceof HttpException) return exception.getStatus();
  if (exception instanceof InvocationFailure) return ROUTE_FAILURE_STATUS[exception.reason];
  const status = (exception as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

/**
 * Renders every error as API Gateway does: `{"message": ...}` with its wording, never a stack
 * trace. Invoke API errors carry the Lambda service's error type instead.
 */
@Catch()
export class ApiGatewayExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Gateway');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof LambdaApiError) {
      const { status, errorType, message } = exception;
      sendHttpResponse(reply, lambdaServiceError(status, errorType, message));
      return;
    }
    if (exception instanceof GatewayRefusal) {
      // The reason (which authorizer, which check failed) is logged, never answered.
      const level = exception.status >= 500 ? 'warn' : 'log';
      this.logger[level](`${exception.status} ${exception.kind}: ${exception.reason}`);
      sendHttpResponse(reply, exception.reply);
      return;
    }
    if (exception instanceof HttpException && isStructuredReport(exception.getResponse())) {
      void reply.status(exception.getStatus()).send(exception.getResponse());
      return;
    }
    const status = statusOf(exception);
    if (status >= 500) this.logger.warn(`${status}: ${(exception as Error)?.message ?? exception}`);
    const message = exception instanceof HttpException ? exception.message : undefined;
    sendHttpResponse(reply, apiGatewayError(status, message));
  }
}
