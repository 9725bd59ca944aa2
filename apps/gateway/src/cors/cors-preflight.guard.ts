import {
  ArgumentsHost,
  CanActivate,
  Catch,
  ExceptionFilter,
  ExecutionContext,
  Injectable,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HttpResponse } from '../events/lambda-result';
import { splitUrl } from '../events/gateway-request';
import { writeHttpResponse } from '../http/fastify-request';
import { RouteTable } from '../routing/route-table';
import { preflightReply } from './cors-rules';

/** Carries a preflight's answer past the later guards to `CorsPreflightFilter`. */
export class CorsPreflightAnswer extends Error {
  constructor(readonly response: HttpResponse) {
    super('CORS preflight answered by the Gateway');
  }
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * First on the routed API: answers CORS preflights as API Gateway does (an HTTP API's own preflight
 * answer, a REST API's SAM-generated `OPTIONS` mock) before any authorizer, API-key check or
 * function runs. Every other request passes on.
 */
@Injectable()
export class CorsPreflightGuard implements CanActivate {
  constructor(private readonly routes: RouteTable) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (request.method !== 'OPTIONS') return true;
    const { rawPath } = splitUrl(request.raw.url ?? '/');
    const answer = preflightReply(
      {
        method: 'OPTIONS',
        origin: header(request, 'origin'),
        requestMethod: header(request, 'access-control-request-method'),
      },
      this.routes.matchPath(rawPath),
    );
    if (answer) throw new CorsPreflightAnswer(answer);
    return true;
  }
}

/** Sends the preflight answer `CorsPreflightGuard` produced. */
@Catch(CorsPreflightAnswer)
export class CorsPreflightFilter implements ExceptionFilter {
  catch(answer: CorsPreflightAnswer, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    void reply.send(writeHttpResponse(reply, answer.response) ?? '');
  }
}
