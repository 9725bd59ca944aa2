export interface LoginCredentials {
  username: string;
  password: string;
}

/**
 * Reads `{"AuthParameters":{"USERNAME","PASSWORD"}}` (Cognito's InitiateAuth shape) from the raw
 * body; undefined when the body is not that.
 */
export function parseLoginRequest(body: Buffer): LoginCredentials | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  const parameters = (parsed as { AuthParameters?: unknown } | null)?.AuthParameters;
  if (typeof parameters !== 'object' || parameters === null) return undefined;
  const { USERNAME, PASSWORD } = parameters as Record<string, unknown>;
  if (typeof USERNAME !== 'string' || typeof PASSWORD !== 'string') return undefined;
  if (USERNAME === '' || PASSWORD === '') return undefined;
  return { username: USERNAME, password: PASSWORD };
}
