import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { awsJsonError } from '../http/error-replies';
import { sendHttpResponse } from '../http/fastify-request';
import { LambdaApiError } from '../http/lambda-api-error';
import { CloudWatchLogsError } from './cloudwatch-logs-error';

/** AWS JSON-protocol errors: `{"__type", "message"}` and `x-amzn-ErrorType`, which SDKs read. */
@Catch(CloudWatchLogsError, LambdaApiError)
export class CloudWatchLogsErrorFilter implements ExceptionFilter {
  catch(error: CloudWatchLogsError | LambdaApiError, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    sendHttpResponse(reply, awsJsonError(error.status, error.errorType, error.message));
  }
}
