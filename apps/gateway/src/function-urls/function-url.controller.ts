import { All, Controller, Inject, Logger, Req, UseInterceptors } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { CLOCK, type Clock } from '@app/platform';
import { verifySigV4 } from '../auth/sigv4';
import { GatewayEnv } from '../config/gateway-env';
import { httpApiPreflight, withHttpApiCors } from '../cors/cors-rules';
import type { HttpResponse } from '../events/lambda-result';
import { functionUrlError } from '../http/error-replies';
import { gatewayRequestOf } from '../http/fastify-request';
import { HttpResponseInterceptor } from '../http/http-response.interceptor';
import { FunctionInvoker } from '../invocation/function-invoker';
import { routeReply } from '../proxy/route-response';
import { toFunctionUrlEvent, type IamCaller } from './function-url-event';
import { functionUrlPath } from './function-url-path';
import { FunctionUrlTable } from './function-url-table';

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
@UseInterceptors(HttpResponseInterceptor)
export class FunctionUrlController {
  private readonly logger = new Logger(FunctionUrlController.name);

  constructor(
    private readonly urls: FunctionUrlTable,
    private readonly invoker: FunctionInvoker,
    private readonly env: GatewayEnv,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @All(['lambda-url/:function', 'lambda-url/:function/*'])
  async call(@Req() request: FastifyRequest): Promise<HttpResponse> {
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
    const result = await this.invoker.invoke(functionName, payload, sent.requestId);
    const reply = routeReply(result.outcome, '2.0', 'http');
    if (reply.problem) this.logger.warn(`function URL ${functionName}: ${reply.problem}`);
    return url.cors ? withHttpApiCors(reply.response, url.cors, origin) : reply.response;
  }
}
