import {
  Body,
  Controller,
  Header,
  Headers,
  HttpCode,
  Inject,
  Post,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { TRACE_ID_HEADER } from '@app/contracts';
import { CLOCK, type Clock } from '@app/platform';
import { InvokeAuthGuard } from '../auth/invoke-auth.guard';
import { InvocationTraces } from '../core/invocation-traces';
import { CloudWatchLogsError } from './cloudwatch-logs-error';
import { CloudWatchLogsErrorFilter } from './cloudwatch-logs-error.filter';
import { runOperation, withOrigin } from './cloudwatch-logs-operations';
import { LOG_EVENT_WRITER, type LogEventWriter } from './log-event-writer';
import { LogRegistry } from './log-registry';

/** Where functions' CloudWatch Logs clients point (`AWS_ENDPOINT_URL_CLOUDWATCH_LOGS`). */
export const CLOUDWATCH_LOGS_PATH = 'cloudwatch-logs';

function parseJson(body: unknown): unknown {
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : '';
  try {
    return JSON.parse(text === '' ? '{}' : text);
  } catch {
    throw new CloudWatchLogsError('SerializationException', 'The request body is not valid JSON');
  }
}

/**
 * The CloudWatch Logs API (JSON protocol, `X-Amz-Target: Logs_20140328.<Operation>`) for
 * functions: CreateLogGroup, CreateLogStream, PutLogEvents, DescribeLogGroups, DescribeLogStreams.
 * Callers sign with SigV4 (any AWS SDK) or present the API key, as for the Invoke API. Events are
 * tagged with the function and container whose invocation sent them, found by the trace header the
 * function's SDK sends back (the Gateway gave it to that invocation).
 */
@Controller()
@UseGuards(InvokeAuthGuard)
@UseFilters(CloudWatchLogsErrorFilter)
export class CloudWatchLogsController {
  constructor(
    private readonly registry: LogRegistry,
    @Inject(LOG_EVENT_WRITER) private readonly writer: LogEventWriter,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly traces: InvocationTraces,
  ) {}

  // The SDKs append `/` to an endpoint with a path; Nest strips trailing slashes, so match it by wildcard.
  @Post([CLOUDWATCH_LOGS_PATH, `${CLOUDWATCH_LOGS_PATH}/*`])
  @HttpCode(200)
  @Header('content-type', 'application/x-amz-json-1.1')
  handle(
    @Headers('x-amz-target') target: string | undefined,
    @Headers(TRACE_ID_HEADER) trace: string | undefined,
    @Body() body: unknown,
  ) {
    const result = runOperation(target, parseJson(body), this.registry, this.clock.now());
    const origin = result.lines.length > 0 ? this.traces.find(trace) : undefined;
    result.lines.forEach((line) => this.writer.write(withOrigin(line, origin)));
    return result.response;
  }
}
