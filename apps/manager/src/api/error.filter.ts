import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ManagerError } from '../errors';

/** Every error leaves as status + JSON with a `message`; stack traces stay in the log. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(ErrorFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (error instanceof ManagerError) {
      void reply.status(error.status).send({ message: error.message });
      return;
    }
    if (error instanceof HttpException) {
      const body = error.getResponse();
      void reply
        .status(error.getStatus())
        .send(typeof body === 'string' ? { message: body } : body);
      return;
    }
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    void reply.status(500).send({ message: 'Internal server error' });
  }
}
