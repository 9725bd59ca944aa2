import { All, Controller, Inject, Logger, Req, Res } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CLOCK, type Clock } from '@app/platform';
import { verifySigV4 } from '../auth/sigv4';
import { GatewayEnv } from '../config/gateway-env';
import { httpApiPreflight, withHttpApiCors } from '../cors/cors-rules';
import type { HttpResponse } from '../events/lambda-result';
import { functionUrlError } from '../http/error-replies';
import { gatewayRequestOf, writeHttpResponse } from '../http/fastify-request';
import { FunctionInvoker } from '../invocation/function-invoker';
import { StreamingInvoker, type StreamedInvocation } from '../invocation/streaming-invoker';
import { routeReply, ROUTE_ERRORS } from '../proxy/route-response';
import { toFunctionUrlEvent, type IamCaller } from './function-url-event';
import { functionUrlPath } from './function-url-path';
import { FunctionUrlTable } from '../routing/function-url-table';
import { HTTP_INTEGRATION_CONTENT_TYPE, readPrelude } from './stream-prelude';

/** A streamed answer: status and headers first, then the body as it comes. */
interface StreamReply {
  statusCode: number;
  headers: Record<string, string[]>;
  body: Readable;
}

function isStreamReply(answer: HttpResponse | StreamReply): answer is StreamReply {
  return !Buffer.isBuffer(answer.body);
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Lambda function URLs on the Gateway: `/lambda-url/<function>/<path>` (AWS:
 * `https://<url-id>.lambda-url.<region>.on.aws/<path>`). CORS preflights are answered from the
 * URL's `Cors` without auth or invoke; AuthType AWS_IAM checks SigV4 as the Invoke API does (the
 * functions' credentials, over the path as sent); the event is payload 2.0 as Lambda sends it for
 * URLs (`$default` route and stage); the result is mapped by the HTTP API 2.0 rules.
 */
@Controller()
export class FunctionUrlController {
  private readonly logger = new Logger(FunctionUrlController.name);

  constructor(
    private readonly urls: FunctionUrlTable,
    private readonly invoker: FunctionInvoker,
    private readonly streaming: StreamingInvoker,
    private readonly env: GatewayEnv,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @All(['lambda-url/:function', 'lambda-url/:function/*'])
  async call(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer | Readable | undefined> {
    const answer = await this.answer(request);
    if (!isStreamReply(answer)) return writeHttpResponse(reply, answer);
    void reply.status(answer.statusCode);
    for (const [name, values] of Object.entries(answer.headers)) void reply.header(name, values);
    return answer.body;
  }

  private async answer(request: FastifyRequest): Promise<HttpResponse | StreamReply> {
    const target = functionUrlPath(request.raw.url ?? '/');
    const url = target && this.urls.get(target.functionName);
    if (!target || !url) return functionUrlError(404, 'Not Found');
    const origin = single(request.headers.origin);
    if (url.cors) {
      const preflight = httpApiPreflight(url.cors, {
        method: request.method.toUpperCase(),
        origin,
        requestMethod: single(request.headers['access-control-request-method']),
      });
      if (preflight) return preflight;
    }
    const sent = gatewayRequestOf(request, this.clock.now());
    let caller: IamCaller | undefined;
    if (url.authType === 'AWS_IAM') {
      const credentials = {
        accessKeyId: this.env.FUNCTION_AWS_ACCESS_KEY_ID,
        secretAccessKey: this.env.FUNCTION_AWS_SECRET_ACCESS_KEY,
      };
      const verdict = verifySigV4(sent, credentials, this.clock.now());
      if (!verdict.valid) {
        this.logger.warn(`function URL ${target.functionName}: refused (${verdict.reason})`);
        return functionUrlError(403, 'Forbidden');
      }
      caller = { accessKey: credentials.accessKeyId };
    }
    const { functionName, rawPath, rawQueryString } = target;
    const event = toFunctionUrlEvent({ ...sent, rawPath, rawQueryString }, functionName, caller);
    const payload = Buffer.from(JSON.stringify(event), 'utf8');
    const withCors = (response: HttpResponse) =>
      url.cors ? withHttpApiCors(response, url.cors, origin) : response;
    if (url.invokeMode === 'RESPONSE_STREAM') {
      const streamed = await this.streaming.invoke(functionName, payload, sent.requestId);
      const answer = await this.streamReply(functionName, streamed);
      if (!isStreamReply(answer)) return withCors(answer);
      const { headers } = withCors({ ...answer, body: Buffer.alloc(0) });
      return { ...answer, headers };
    }
    const result = await this.invoker.invoke(functionName, payload, sent.requestId);
    return withCors(this.buffered(functionName, result.outcome));
  }

  private buffered(functionName: string, outcome: Parameters<typeof routeReply>[0]): HttpResponse {
    const reply = routeReply(outcome, '2.0', 'http');
    if (reply.problem) this.logger.warn(`function URL ${functionName}: ${reply.problem}`);
    return reply.response;
  }

  /**
   * A streamed answer: with `HttpResponseStream.from` the prelude gives status, headers and
   * cookies, then the body streams on as written; otherwise 200 with the stream's content type. A
   * mid-stream error ends the stream (the client sees it end) and is logged.
   */
  private async streamReply(
    functionName: string,
    streamed: StreamedInvocation,
  ): Promise<HttpResponse | StreamReply> {
    if (streamed.kind === 'buffered') return this.buffered(functionName, streamed.outcome);
    void streamed.ended.then((error) => {
      if (error) this.logger.error(`function URL ${functionName}: stream ended by ${error}`);
    });
    if (!streamed.contentType.startsWith(HTTP_INTEGRATION_CONTENT_TYPE)) {
      return {
        statusCode: 200,
        headers: { 'content-type': [streamed.contentType] },
        body: streamed.body,
      };
    }
    const read = await readPrelude(streamed.body);
    if (!read) {
      this.logger.warn(`function URL ${functionName}: stream without a valid prelude`);
      return ROUTE_ERRORS.http.functionError;
    }
    const { prelude, rest } = read;
    const headers = { ...prelude.headers };
    if (prelude.cookies.length > 0) headers['set-cookie'] = prelude.cookies;
    return { statusCode: prelude.statusCode, headers, body: rest };
  }
}
