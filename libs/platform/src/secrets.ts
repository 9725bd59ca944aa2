import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Compares a presented secret with the expected one in constant time. Both sides are hashed first so
 * neither the content nor the length of the expected secret leaks through timing.
 */
export function secretsEqual(presented: string | undefined | null, expected: string): boolean {
  if (typeof presented !== 'string') return false;
  const a = createHash('sha256').update(presented, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/**
 * The token a function's containers ask for on their invoke endpoint (`INVOKE_TOKEN_HEADER`): an
 * HMAC of the function's name under the secret the Gateway and the Manager share. Per function, so
 * a function that reads its own token gains nothing over another function; the secret cannot be
 * recovered from it.
 */
export function invokeTokenFor(sharedSecret: string, functionName: string): string {
  return createHmac('sha256', sharedSecret).update(`onpre-invoke:${functionName}`).digest('hex');
}
