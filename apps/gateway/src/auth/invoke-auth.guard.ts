import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { CLOCK, type Clock, secretsEqual } from '@app/platform';
import { GatewayEnv } from '../config/gateway-env';
import { gatewayRequestOf } from '../http/fastify-request';
import { LambdaApiError } from '../http/lambda-api-error';
import { verifySigV4 } from './sigv4';

/**
 * The Invoke API is never open: the caller presents the API key, or signs with SigV4 using the
 * credentials the Manager gives functions (what any AWS SDK does unchanged).
 */
@Injectable()
export class InvokeAuthGuard implements CanActivate {
  constructor(
    private readonly env: GatewayEnv,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const apiKey = request.headers['x-api-key'];
    if (typeof apiKey === 'string') {
      if (secretsEqual(apiKey, this.env.X_API_KEY)) return true;
      throw new LambdaApiError(403, 'UnrecognizedClientException', 'The API key is not valid.');
    }
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
