import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { LambdaApiError } from '../http/lambda-api-error';
import { CloudWatchLogsError } from './cloudwatch-logs-error';

/** AWS JSON-protocol errors: `{"__type", "message"}` and `x-amzn-ErrorType`, which SDKs read. */
@Catch(CloudWatchLogsError, LambdaApiError)
export class CloudWatchLogsErrorFilter implements ExceptionFilter {
  catch(error: CloudWatchLogsError | LambdaApiError, host: ArgumentsHost): void {
    void host
      .switchToHttp()
      .getResponse<FastifyReply>()
      .status(error.status)
      .header('content-type', 'application/x-amz-json-1.1')
      .header('x-amzn-errortype', error.errorType)
      .send({ __type: error.errorType, message: error.message });
  }
}
