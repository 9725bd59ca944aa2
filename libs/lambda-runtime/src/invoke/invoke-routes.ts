import { createHash, timingSafeEqual } from 'node:crypto';
import { RUNTIME_READY_PATH } from '@app/contracts';

export type InvokeRoute = 'invoke' | 'health' | 'method-not-allowed' | 'not-found';

/** RIE's path names the function `function`; any name is accepted, as there is one per container. */
const INVOKE_PATTERN = /^\/2015-03-31\/functions\/[^/]+\/invocations$/;

export function matchInvokeRoute(method: string, url: string): InvokeRoute {
  const path = url.split('?')[0];
  if (path === RUNTIME_READY_PATH)
    return method === 'GET' || method === 'HEAD' ? 'health' : 'method-not-allowed';
  if (!INVOKE_PATTERN.test(path)) return 'not-found';
  return method === 'POST' ? 'invoke' : 'method-not-allowed';
}

/** Empty bodies are `{}` (as with `aws lambda invoke` without a payload); anything else must be JSON. */
export function eventPayload(body: Buffer): { event: Buffer } | { invalid: string } {
  if (body.toString('utf8').trim() === '') return { event: Buffer.from('{}') };
  try {
    JSON.parse(body.toString('utf8'));
    return { event: body };
  } catch (error) {
    return { invalid: (error as Error).message };
  }
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** The presented invoke token equals the expected one (compared in constant time). */
export function invokeTokenAccepted(presented: unknown, expected: string | undefined): boolean {
  if (expected === undefined) return true;
  return typeof presented === 'string' && timingSafeEqual(digest(presented), digest(expected));
}
