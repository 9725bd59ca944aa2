import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ApiKind, LambdaAuthorizerDefinition } from '@app/contracts';
import { CLOCK, type Clock } from '@app/platform';
import type { GatewayRequest } from '../events/gateway-request';
import { queryPairs } from '../events/query-string';
import { FunctionInvoker } from '../invocation/function-invoker';
import { InvocationFailure } from '../invocation/invocation-errors';
import type { RouteMatch } from '../routing/route-table';
import { readAuthorizerAnswer, verdictFor, type AuthorizerAnswer } from './authorizer-answer';
import type { CallerAuthorization } from './authorizer-context';
import { authorizerEvent, requestArn } from './authorizer-events';
import { GatewayRefusal } from '../http/gateway-refusal';
import {
  decisionCacheKey,
  identityValues,
  tokenPassesValidation,
  type IdentityInputs,
} from './identity-source';
import { DecisionCache } from './decision-cache';

/**
 * How long API Gateway waits for a Lambda authorizer: HTTP APIs 10 s (a documented quota, "Timeout
 * for Lambda authorizer response"); REST APIs document none, so the REST integration maximum bounds
 * it here. Within it, the function's own timeout applies (both answered 500).
 */
export const AUTHORIZER_TIMEOUT_MS: Record<ApiKind, number> = { http: 10_000, rest: 29_000 };

/** Identities whose answers are kept (least recently used forgotten first). */
const DECISION_CACHE_SIZE = 10_000;

export interface LambdaAuthorization {
  authorization: CallerAuthorization;
  /** The authorizer's `usageIdentifierKey` (an API key for usage plans). */
  usageIdentifierKey?: string;
}

/** What identity sources can name: the request, and the route's API stage and its variables. */
function identityInputs(request: GatewayRequest, route: RouteMatch): IdentityInputs {
  return {
    headers: request.headers,
    query: queryPairs(request.rawQueryString),
    stageVariables: route.api.stageVariables,
    context: {
      sourceIp: request.sourceIp,
      'identity.sourceIp': request.sourceIp,
      httpMethod: request.method,
      requestId: request.requestId,
      stage: route.api.stage,
    },
  };
}

/**
 * Runs a route's Lambda authorizer as API Gateway does: identity sources read first (missing → 401
 * without an invocation), the function invoked through the same `FunctionInvoker` as any route,
 * its answer cached per identity for the authorizer's TTL and its policy evaluated against each
 * request's method ARN.
 */
@Injectable()
export class LambdaAuthorizers {
  private readonly logger = new Logger(LambdaAuthorizers.name);
  private readonly answers = new DecisionCache<AuthorizerAnswer>(DECISION_CACHE_SIZE);

  constructor(
    private readonly invoker: FunctionInvoker,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async authorize(
    name: string,
    definition: LambdaAuthorizerDefinition,
    request: GatewayRequest,
    route: RouteMatch,
  ): Promise<LambdaAuthorization> {
    const { api } = definition;
    const identity = identityValues(definition.identitySource, identityInputs(request, route));
    if (!identity)
      throw new GatewayRefusal('unauthorized', api, `${name}: identity source missing`);
    if (
      definition.payloadType === 'TOKEN' &&
      !tokenPassesValidation(identity[0], definition.validationExpression)
    ) {
      throw new GatewayRefusal('unauthorized', api, `${name}: token fails ValidationExpression`);
    }
    const cacheable = identity.length > 0 && definition.ttlSeconds > 0;
    const key = decisionCacheKey(name, identity);
    const startedAt = this.clock.now();
    let answer = cacheable ? this.answers.get(key, startedAt) : undefined;
    const cached = answer !== undefined;
    if (!answer) {
      answer = await this.invoke(definition, request, route, identity);
      if (cacheable && (answer.kind === 'policy' || answer.kind === 'simple')) {
        this.answers.set(key, answer, definition.ttlSeconds, this.clock.now());
      }
    }
    const latencyMs = cached ? 0 : this.clock.now() - startedAt;
    const verdict = verdictFor(answer, requestArn(request, route));
    if (verdict.verdict === 'unauthorized') {
      throw new GatewayRefusal('unauthorized', api, `${name}: the authorizer said Unauthorized`);
    }
    if (verdict.verdict === 'failed') {
      throw new GatewayRefusal('authorizerFailure', api, `${name}: ${verdict.reason}`);
    }
    if (verdict.verdict === 'deny') {
      const kind = verdict.explicit ? 'explicitDeny' : 'accessDenied';
      throw new GatewayRefusal(kind, api, `${name}: the policy does not allow ${request.method}`);
    }
    const decided = answer as Extract<AuthorizerAnswer, { kind: 'policy' | 'simple' }>;
    const principalId = decided.kind === 'policy' ? decided.principalId : undefined;
    return {
      authorization: {
        kind: 'lambda',
        context: decided.context,
        latencyMs,
        ...(principalId !== undefined ? { principalId } : {}),
      },
      ...(decided.kind === 'policy' && decided.usageIdentifierKey
        ? { usageIdentifierKey: decided.usageIdentifierKey }
        : {}),
    };
  }

  /** Forgets every cached answer (the routing file was reloaded). */
  forget(): void {
    this.answers.clear();
  }

  private async invoke(
    definition: LambdaAuthorizerDefinition,
    request: GatewayRequest,
    route: RouteMatch,
    identity: readonly string[],
  ): Promise<AuthorizerAnswer> {
    const event = authorizerEvent(definition, request, route, identity);
    const limit = AUTHORIZER_TIMEOUT_MS[definition.api];
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), limit);
    });
    try {
      const result = await Promise.race([
        this.invoker.invoke(
          definition.function,
          Buffer.from(JSON.stringify(event), 'utf8'),
          request.requestId,
        ),
        timedOut,
      ]);
      if (result === 'timeout') {
        // As API Gateway, the caller is answered; the function's own timeout still ends its run.
        return { kind: 'failed', reason: `authorizer function gave no answer in ${limit} ms` };
      }
      return readAuthorizerAnswer(definition, result.outcome);
    } catch (error) {
      if (!(error instanceof InvocationFailure)) throw error;
      this.logger.warn(`authorizer ${definition.function} could not run: ${error.message}`);
      return { kind: 'failed', reason: `authorizer function ${error.reason}` };
    } finally {
      clearTimeout(timer);
    }
  }
}
