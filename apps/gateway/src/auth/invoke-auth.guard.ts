import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { CLOCK, type Clock } from '@app/platform';
import { GatewayEnv } from '../config/gateway-env';
import { gatewayRequestOf } from '../http/fastify-request';
import { LambdaApiError } from '../http/lambda-api-error';
import { verifySigV4 } from './sigv4';

/**
 * The Invoke API and the CloudWatch Logs API take one credential: a SigV4 signature made with the
 * credentials the Manager gives functions (what any AWS SDK does unchanged). The login API key is
 * handed to every client, so it opens nothing here: a request carrying only `x-api-key` is
 * unauthenticated, as on AWS.
 */
@Injectable()
export class InvokeAuthGuard implements CanActivate {
  constructor(
    private readonly env: GatewayEnv,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (request.headers.authorization === undefined) {
      throw new LambdaApiError(
        403,
        'MissingAuthenticationTokenException',
        'Missing Authentication Token',
      );
    }
    const verdict = verifySigV4(
      gatewayRequestOf(request, this.clock.now()),
      {
        accessKeyId: this.env.FUNCTION_AWS_ACCESS_KEY_ID,
        secretAccessKey: this.env.FUNCTION_AWS_SECRET_ACCESS_KEY,
      },
      this.clock.now(),
    );
    if (verdict.valid) return true;
    throw new LambdaApiError(403, 'InvalidSignatureException', verdict.reason);
  }
}
