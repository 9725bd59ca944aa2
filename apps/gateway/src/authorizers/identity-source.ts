/**
 * Reads an authorizer's identity sources from a request, in API Gateway's syntax (REST
 * `method.request.header.X`, `method.request.querystring.X`, `stageVariables.X`, `context.X`;
 * HTTP API the same with `$request.` / `$stageVariables.` / `$context.`). As on AWS, every source
 * must be present and non-empty, else the caller gets 401 without the authorizer being invoked.
 */
export interface IdentityInputs {
  /** Header pairs as sent (names compared case-insensitively). */
  headers: ReadonlyArray<readonly [string, string]>;
  /** Decoded query pairs. */
  query: ReadonlyArray<readonly [string, string]>;
  stageVariables: Readonly<Record<string, string>>;
  /** `requestContext` values by name (`sourceIp`, `identity.sourceIp`, `stage`, …). */
  context: Readonly<Record<string, string>>;
}

const SOURCES: Array<[RegExp, (inputs: IdentityInputs, name: string) => string | undefined]> = [
  [
    /^\$?(?:method\.)?request\.header\.(.+)$/,
    (inputs, name) => inputs.headers.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1],
  ],
  [
    /^\$?(?:method\.)?request\.querystring\.(.+)$/,
    (inputs, name) => inputs.query.find(([key]) => key === name)?.[1],
  ],
  [/^\$?stageVariables\.(.+)$/, (inputs, name) => inputs.stageVariables[name]],
  [/^\$?context\.(.+)$/, (inputs, name) => inputs.context[name]],
];

/** The values of every source, in order; undefined when one is missing or empty. */
export function identityValues(
  sources: readonly string[],
  inputs: IdentityInputs,
): string[] | undefined {
  const values: string[] = [];
  for (const source of sources) {
    const reader = SOURCES.find(([pattern]) => pattern.test(source));
    if (!reader) return undefined;
    const name = reader[0].exec(source)![1];
    const value = reader[1](inputs, name);
    if (value === undefined || value.trim() === '') return undefined;
    values.push(value);
  }
  return values;
}

/**
 * Cache key of an authorizer decision: the authorizer and its identity values (length-prefixed,
 * so values containing the separator cannot collide). Without identity sources nothing is cached.
 */
export function decisionCacheKey(authorizer: string, values: readonly string[]): string {
  return [authorizer, ...values].map((part) => `${part.length}:${part}`).join('|');
}

/** TOKEN authorizers: a token not matching `ValidationExpression` is 401 without an invocation. */
export function tokenPassesValidation(token: string, expression: string | undefined): boolean {
  if (expression === undefined) return true;
  try {
    return new RegExp(expression).test(token);
  } catch {
    return false;
  }
}
