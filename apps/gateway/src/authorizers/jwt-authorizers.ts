import { Inject, Injectable } from '@nestjs/common';
import { decodeJwt, jwtVerify } from 'jose';
import type { JwtAuthorizerDefinition } from '@app/contracts';
import { CLOCK, type Clock } from '@app/platform';
import type { GatewayRequest } from '../events/gateway-request';
import { queryPairs } from '../events/query-string';
import type { CallerAuthorization } from './authorizer-context';
import { GatewayRefusal } from '../http/gateway-refusal';
import { identityValues } from './identity-source';
import { IssuerKeys } from './issuer-keys';
import {
  audienceMatches,
  JWT_ALGORITHMS,
  rejectionOf,
  scopesSatisfied,
  tokenOf,
  tokenScopes,
} from './jwt-claim-checks';

function bearerChallenge(error: string, description: string, scopes: readonly string[] = []) {
  return {
    'www-authenticate': `Bearer scope="${scopes.join(' ')}" error="${error}" error_description="${description}"`,
  };
}

/**
 * JWT authorizers: an HTTP API `JwtConfiguration` (issuer, audience, scopes; claims to
 * `authorizer.jwt`) and a REST API Cognito user pool authorizer (issuer = the pool; claims to
 * `authorizer.claims`). The signature is checked against the issuer's keys (`IssuerKeys`); `iss`
 * must be one the authorizer names before any key is fetched.
 */
@Injectable()
export class JwtAuthorizers {
  constructor(
    private readonly keys: IssuerKeys,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async authorize(
    name: string,
    definition: JwtAuthorizerDefinition,
    request: GatewayRequest,
    requiredScopes: readonly string[] | undefined,
  ): Promise<CallerAuthorization> {
    const { api } = definition;
    const identity = identityValues(definition.identitySource, {
      headers: request.headers,
      query: queryPairs(request.rawQueryString),
      stageVariables: {},
      context: {},
    });
    if (!identity?.length) {
      throw new GatewayRefusal('unauthorized', api, `${name}: no token in the identity source`);
    }
    const token = tokenOf(identity[0]);
    if (
      definition.validationExpression !== undefined &&
      !new RegExp(definition.validationExpression).test(token)
    ) {
      throw new GatewayRefusal('unauthorized', api, `${name}: token fails ValidationExpression`);
    }
    const claims = await this.verify(name, definition, token);
    if (api === 'http' && !audienceMatches(claims, definition.audience)) {
      const description = 'the token does not have a valid audience';
      throw this.invalid(name, api, description);
    }
    const granted = tokenScopes(claims);
    if (!scopesSatisfied(granted, requiredScopes)) {
      const reason = `${name}: the token has none of the scopes ${requiredScopes!.join(' ')}`;
      // HTTP APIs answer 403 with a challenge; a REST Cognito authorizer answers 401.
      if (api === 'rest') throw new GatewayRefusal('unauthorized', api, reason);
      throw new GatewayRefusal(
        'accessDenied',
        api,
        reason,
        bearerChallenge(
          'insufficient_scope',
          'the token does not have the required scopes',
          requiredScopes,
        ),
      );
    }
    return api === 'http'
      ? { kind: 'jwt', claims, scopes: granted.length > 0 ? granted : null }
      : { kind: 'cognito', claims };
  }

  private invalid(name: string, api: JwtAuthorizerDefinition['api'], description: string) {
    const headers = api === 'http' ? bearerChallenge('invalid_token', description) : {};
    return new GatewayRefusal('unauthorized', api, `${name}: ${description}`, headers);
  }

  private async verify(
    name: string,
    definition: JwtAuthorizerDefinition,
    token: string,
  ): Promise<Record<string, unknown>> {
    let issuer: unknown;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      throw this.invalid(name, definition.api, 'the token is malformed');
    }
    if (typeof issuer !== 'string' || !definition.issuers.includes(issuer)) {
      throw this.invalid(name, definition.api, 'the token does not have a valid issuer');
    }
    try {
      const keys = await this.keys.keysOf(issuer);
      const { payload } = await jwtVerify(token, keys, {
        issuer,
        algorithms: JWT_ALGORITHMS,
        currentDate: new Date(this.clock.now()),
      });
      return payload;
    } catch (error) {
      const rejection = rejectionOf(error);
      if (rejection) throw this.invalid(name, definition.api, rejection);
      const message = error instanceof Error ? error.message : String(error);
      throw new GatewayRefusal(
        'authorizerFailure',
        definition.api,
        `${name}: keys of ${issuer} unavailable: ${message}`,
      );
    }
  }
}
