import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ApiKeyDefinition, ApiKind, ThrottleDefinition } from '@app/contracts';
import { CLOCK, type Clock, secretsEqual } from '@app/platform';
import { apiKeyValue, apiKeyVariableOf } from './api-key-values';
import { GatewayRefusal } from '../http/gateway-refusal';
import { QuotaCounter, TokenBucket } from './rate-limits';
import type { ResolvedUsagePlan, RouteSecurity } from '../routing/route-security';

export const API_KEY_ENVIRONMENT = Symbol('ApiKeyEnvironment');

export interface MeteredCall {
  /** The key the caller used (`requestContext.identity.apiKey`), when one was required. */
  apiKey?: { id: string; value: string };
}

/** `POST /plantest/` and `POST /plantest` name one resource (API Gateway's paths have no trailing slash). */
function withoutTrailingSlash(routeKey: string): string {
  return routeKey.length > 1 && routeKey.endsWith('/') && !routeKey.endsWith(' /')
    ? routeKey.slice(0, -1)
    : routeKey;
}

function throttleId(limits: ThrottleDefinition): string {
  return `${limits.rateLimit}/${limits.burstLimit}`;
}

/**
 * API keys and usage plans, and stage throttling, as API Gateway applies them: the route's own
 * throttle (`MethodSettings`) first, then — on routes that require a key — the key (`x-api-key`,
 * compared in constant time) must be an enabled key of a usage plan of the route's API, whose
 * throttle (token bucket per key) and quota (per key and period) it then spends from.
 */
@Injectable()
export class UsagePlans {
  private readonly logger = new Logger(UsagePlans.name);
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly quotas = new Map<string, QuotaCounter>();
  private readonly reportedMissing = new Set<string>();

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(API_KEY_ENVIRONMENT)
    private readonly environment: Readonly<Record<string, string | undefined>>,
  ) {}

  meter(
    security: RouteSecurity,
    api: ApiKind,
    routeKey: string,
    presentedKey: string | undefined,
  ): MeteredCall {
    const now = this.clock.now();
    if (
      security.throttle &&
      !this.bucket(`route ${security.api} ${routeKey}`, security.throttle).take(now)
    ) {
      throw new GatewayRefusal('throttled', api, `${routeKey}: stage throttle`);
    }
    if (!security.apiKeyRequired) return {};
    if (presentedKey === undefined || presentedKey === '') {
      const missing =
        security.apiKeySource === 'AUTHORIZER'
          ? 'the authorizer returned no usageIdentifierKey'
          : 'no x-api-key';
      throw new GatewayRefusal('invalidApiKey', api, `${routeKey}: ${missing}`);
    }
    const match = this.findKey(security.usagePlans, presentedKey);
    if (!match)
      throw new GatewayRefusal('invalidApiKey', api, `${routeKey}: unknown or disabled API key`);
    const { plan, key, value } = match;
    const id = `${plan.plan.id} ${key.id}`;
    // A method throttle of the plan replaces the plan-wide one for that method, per key.
    const method = plan.plan.methodThrottles?.find(
      (entry) =>
        entry.api === security.api &&
        withoutTrailingSlash(`${entry.method} ${entry.path}`) === withoutTrailingSlash(routeKey),
    );
    const [bucketId, limits] = method
      ? [`plan ${id} ${routeKey}`, method.throttle]
      : [`plan ${id}`, plan.plan.throttle];
    if (limits && !this.bucket(bucketId, limits).take(now)) {
      throw new GatewayRefusal(
        'throttled',
        api,
        `${routeKey}: usage plan ${plan.plan.id} throttle (key ${key.id})`,
      );
    }
    if (plan.plan.quota && !this.quota(id, plan).take(now)) {
      throw new GatewayRefusal(
        'quotaExceeded',
        api,
        `${routeKey}: usage plan ${plan.plan.id} quota (key ${key.id})`,
      );
    }
    return { apiKey: { id: key.id, value } };
  }

  private findKey(
    plans: readonly ResolvedUsagePlan[],
    presented: string,
  ): { plan: ResolvedUsagePlan; key: ApiKeyDefinition; value: string } | undefined {
    for (const plan of plans) {
      for (const key of plan.keys) {
        if (!key.enabled) continue;
        const value = apiKeyValue(key, this.environment);
        if (value === undefined) {
          this.reportMissing(key);
          continue;
        }
        if (secretsEqual(presented, value)) return { plan, key, value };
      }
    }
    return undefined;
  }

  private reportMissing(key: ApiKeyDefinition): void {
    if (this.reportedMissing.has(key.id)) return;
    this.reportedMissing.add(key.id);
    this.logger.warn(`API key ${key.id} cannot be used: ${apiKeyVariableOf(key)} is not set`);
  }

  private bucket(id: string, limits: ThrottleDefinition): TokenBucket {
    const key = `${id} ${throttleId(limits)}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(limits, this.clock.now());
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  private quota(id: string, plan: ResolvedUsagePlan): QuotaCounter {
    const quota = plan.plan.quota!;
    const key = `${id} ${quota.limit}/${quota.period}`;
    let counter = this.quotas.get(key);
    if (!counter) {
      counter = new QuotaCounter(quota, this.clock.now());
      this.quotas.set(key, counter);
    }
    return counter;
  }
}
