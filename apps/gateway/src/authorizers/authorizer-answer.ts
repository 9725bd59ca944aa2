import type { LambdaAuthorizerDefinition } from '@app/contracts';
import type { FunctionOutcome } from '../invocation/invocation-outcome';
import { evaluatePolicy } from './iam-policy';

export type ContextValue = string | number | boolean;

/**
 * What a Lambda authorizer answered, read once and cached as is: a policy is evaluated again for
 * every request's method ARN (as API Gateway evaluates a cached policy), a simple answer is final.
 */
export type AuthorizerAnswer =
  | {
      kind: 'policy';
      principalId?: string;
      policyDocument: unknown;
      context: Record<string, unknown>;
      usageIdentifierKey?: string;
    }
  | { kind: 'simple'; isAuthorized: boolean; context: Record<string, unknown> }
  /** The function failed with the message `Unauthorized` (API Gateway's 401 signal). */
  | { kind: 'unauthorized' }
  /** Anything else: an error, a timeout, an answer of the wrong shape. The reason is logged. */
  | { kind: 'failed'; reason: string };

export type AnswerVerdict =
  | { verdict: 'allow' }
  | { verdict: 'deny'; explicit: boolean }
  | { verdict: 'unauthorized' }
  | { verdict: 'failed'; reason: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(payload: Buffer): unknown {
  try {
    return JSON.parse(payload.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** REST and 1.0 contexts hold only strings, numbers and booleans; 2.0 contexts any JSON. */
function contextProblem(context: unknown, scalarsOnly: boolean): string | undefined {
  if (context === undefined || context === null) return undefined;
  if (!isRecord(context)) return 'context is not an object';
  if (!scalarsOnly) return undefined;
  const nested = Object.entries(context).find(
    ([, value]) => !['string', 'number', 'boolean'].includes(typeof value),
  );
  return nested ? `context.${nested[0]} is not a string, number or boolean` : undefined;
}

function failedOutcome(outcome: Exclude<FunctionOutcome, { kind: 'success' }>): AuthorizerAnswer {
  const error = parseJson(outcome.payload);
  const message = isRecord(error) ? error.errorMessage : undefined;
  if (outcome.kind === 'functionError' && message === 'Unauthorized') {
    return { kind: 'unauthorized' };
  }
  return { kind: 'failed', reason: `authorizer function ${outcome.kind} (${outcome.errorType})` };
}

/** Reads the authorizer function's outcome as API Gateway does for the authorizer's type. */
export function readAuthorizerAnswer(
  definition: LambdaAuthorizerDefinition,
  outcome: FunctionOutcome,
): AuthorizerAnswer {
  if (outcome.kind !== 'success') return failedOutcome(outcome);
  const answer = parseJson(outcome.payload);
  if (!isRecord(answer))
    return { kind: 'failed', reason: 'authorizer answer is not a JSON object' };
  const simple = definition.api === 'http' && definition.simpleResponses === true;
  const problem = contextProblem(answer.context, !(definition.api === 'http' && simple));
  if (problem) return { kind: 'failed', reason: `authorizer answer: ${problem}` };
  const context = isRecord(answer.context) ? answer.context : {};
  if (simple) {
    if (typeof answer.isAuthorized !== 'boolean') {
      return { kind: 'failed', reason: 'simple response without a boolean isAuthorized' };
    }
    return { kind: 'simple', isAuthorized: answer.isAuthorized, context };
  }
  if (answer.policyDocument === undefined) {
    return { kind: 'failed', reason: 'authorizer answer has no policyDocument' };
  }
  const { principalId, usageIdentifierKey } = answer;
  const principal = typeof principalId === 'string' ? principalId : JSON.stringify(principalId);
  return {
    kind: 'policy',
    policyDocument: answer.policyDocument,
    context,
    ...(principalId !== undefined ? { principalId: principal } : {}),
    ...(typeof usageIdentifierKey === 'string' ? { usageIdentifierKey } : {}),
  };
}

/** The verdict of a (possibly cached) answer for one request's method ARN. */
export function verdictFor(answer: AuthorizerAnswer, arn: string): AnswerVerdict {
  if (answer.kind === 'unauthorized') return { verdict: 'unauthorized' };
  if (answer.kind === 'failed') return { verdict: 'failed', reason: answer.reason };
  if (answer.kind === 'simple') {
    return answer.isAuthorized ? { verdict: 'allow' } : { verdict: 'deny', explicit: false };
  }
  const decision = evaluatePolicy(answer.policyDocument, arn);
  if (typeof decision === 'object') {
    return { verdict: 'failed', reason: `malformed policy: ${decision.malformed}` };
  }
  if (decision === 'allow') return { verdict: 'allow' };
  return { verdict: 'deny', explicit: decision === 'deny' };
}
