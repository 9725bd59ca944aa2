import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { usableRequestId } from '@app/contracts';
import type { PinoLevel } from './log-level';
import { redactingSerializers } from './redaction';

/** Uses the caller's `X-Request-Id` when it is sane, otherwise a new UUID. */
export function requestIdFor(headerValue: string | string[] | undefined): string {
  return usableRequestId(headerValue) ?? randomUUID();
}

export interface LoggingOptions {
  service: string;
  level: PinoLevel;
  production: boolean;
}

/**
 * JSON lines with `request_id` on every line logged while handling a request; pretty output only on
 * a TTY outside production. The id itself is Fastify's request id (see `createFastifyAdapter`).
 */
export function loggingModule({ service, level, production }: LoggingOptions): DynamicModule {
  const pretty = !production && process.stdout.isTTY === true;
  return LoggerModule.forRoot({
    pinoHttp: {
      level,
      base: { service },
      messageKey: 'message',
      timestamp: () => `,"time":"${new Date().toISOString()}"`,
      formatters: { level: (label: string) => ({ level: label }) },
      customAttributeKeys: { reqId: 'request_id' },
      quietReqLogger: true,
      autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/health') },
      // Cookies, credential headers and credential-bearing query values (redaction.ts).
      serializers: redactingSerializers,
      transport: pretty ? { target: 'pino-pretty', options: { messageKey: 'message' } } : undefined,
    },
  });
}
