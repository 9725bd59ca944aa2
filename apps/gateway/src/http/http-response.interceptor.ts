import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { map, type Observable } from 'rxjs';
import type { HttpResponse } from '../events/lambda-result';
import { writeHttpResponse } from './fastify-request';

/** Sends the `HttpResponse` a handler returns: its status, headers (multi-value kept) and bytes. */
@Injectable()
export class HttpResponseInterceptor implements NestInterceptor<HttpResponse, Buffer | undefined> {
  intercept(
    context: ExecutionContext,
    next: CallHandler<HttpResponse>,
  ): Observable<Buffer | undefined> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(map((response) => writeHttpResponse(reply, response)));
  }
}
