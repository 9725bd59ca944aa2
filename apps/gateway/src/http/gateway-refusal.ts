import type { ApiKind } from '@app/contracts';
import type { HttpResponse } from '../events/lambda-result';
import { gatewayResponse, type RefusalKind } from './error-replies';

/**
 * A refused call, thrown by the route guards and rendered by `ApiGatewayExceptionFilter`. `reason`
 * is for the Gateway's log only; the caller sees API Gateway's body and headers.
 */
export class GatewayRefusal extends Error {
  readonly reply: HttpResponse;

  constructor(
    readonly kind: RefusalKind,
    api: ApiKind,
    readonly reason: string,
    headers: Record<string, string> = {},
  ) {
    super(`${kind}: ${reason}`);
    this.reply = gatewayResponse(kind, api, headers);
  }

  get status(): number {
    return this.reply.statusCode;
  }
}
