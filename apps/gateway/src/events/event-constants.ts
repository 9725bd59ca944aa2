import { IMPLICIT_STAGES } from '../routing/api-settings';

/** Fixed identity of the simulated API, as it appears in every event's `requestContext`. */
export const SIMULATED_API = {
  accountId: '000000000000',
  apiId: 'onpre-lambda',
  /** Stages of routes without an API of their own (`routing/api-settings.ts`). */
  v1Stage: IMPLICIT_STAGES.rest,
  v2Stage: IMPLICIT_STAGES.http,
} as const;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** API Gateway's request time format: `09/Apr/2015:12:34:56 +0000` (UTC). */
export function apiGatewayTime(epochMs: number): string {
  const date = new Date(epochMs);
  const two = (value: number) => String(value).padStart(2, '0');
  return (
    `${two(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`
  );
}

/** Claims as API Gateway's authorizers pass them: every value a string. */
export function stringClaims(claims: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(claims).map(([name, value]) => [name, String(value)]));
}
