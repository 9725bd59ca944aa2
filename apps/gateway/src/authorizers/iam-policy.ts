/**
 * Evaluates the IAM policy a Lambda authorizer returns against the request's method ARN, as API
 * Gateway does: a statement applies when one of its actions matches `execute-api:Invoke` and one
 * of its resources matches the ARN (`*` any run of characters, `?` one character); an explicit
 * Deny wins over any Allow; no matching Allow is an implicit deny (API Gateway words the two 403s
 * differently).
 */
export type PolicyDecision = 'allow' | 'deny' | 'implicitDeny' | { malformed: string };

const INVOKE_ACTION = 'execute-api:invoke';

/** `arn:aws:execute-api:<region>:<account>:<apiId>/<stage>/<METHOD>/<path without leading />`. */
export function methodArn(parts: {
  region: string;
  accountId: string;
  apiId: string;
  stage: string;
  method: string;
  path: string;
}): string {
  const resource = parts.path.replace(/^\//, '');
  return `arn:aws:execute-api:${parts.region}:${parts.accountId}:${parts.apiId}/${parts.stage}/${parts.method}/${resource}`;
}

function globToRegExp(pattern: string, flags: string): RegExp {
  const body = pattern
    .split('')
    .map((char) => {
      if (char === '*') return '.*';
      if (char === '?') return '.';
      return char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${body}$`, flags);
}

/** IAM wildcard match; actions compare case-insensitively, resources case-sensitively. */
export function wildcardMatch(pattern: string, value: string, caseSensitive = true): boolean {
  return globToRegExp(pattern, caseSensitive ? 's' : 'is').test(value);
}

function asList(value: unknown): unknown[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
  return undefined;
}

export function evaluatePolicy(policyDocument: unknown, arn: string): PolicyDecision {
  if (typeof policyDocument !== 'object' || policyDocument === null) {
    return { malformed: 'policyDocument is not an object' };
  }
  const declared = (policyDocument as { Statement?: unknown }).Statement;
  const statements = Array.isArray(declared) ? declared : declared ? [declared] : undefined;
  if (!statements || statements.length === 0) return { malformed: 'policy has no Statement' };
  let allowed = false;
  for (const [index, statement] of statements.entries()) {
    if (typeof statement !== 'object' || statement === null) {
      return { malformed: `Statement[${index}] is not an object` };
    }
    const {
      Effect: effect,
      Action: action,
      Resource: resource,
    } = statement as Record<string, unknown>;
    const actions = asList(action);
    const resources = asList(resource);
    if (effect !== 'Allow' && effect !== 'Deny') {
      return { malformed: `Statement[${index}].Effect must be Allow or Deny` };
    }
    if (!actions || !resources) {
      return { malformed: `Statement[${index}] needs string Action and Resource` };
    }
    const applies =
      actions.some((item) => wildcardMatch(String(item), INVOKE_ACTION, false)) &&
      resources.some((item) => wildcardMatch(String(item), arn));
    if (!applies) continue;
    if (effect === 'Deny') return 'deny';
    allowed = true;
  }
  return allowed ? 'allow' : 'implicitDeny';
}
