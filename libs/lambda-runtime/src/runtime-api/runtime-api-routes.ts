export const RUNTIME_API_PREFIX = '/2018-06-01/runtime';

export type RuntimeApiRoute =
  | { kind: 'next' }
  | { kind: 'response'; requestId: string }
  | { kind: 'error'; requestId: string }
  | { kind: 'init-error' }
  | { kind: 'not-found' };

const INVOCATION_PATH = /^\/invocation\/([^/]+)\/(response|error)$/;

/** Maps a Runtime API request line to what it asks for. */
export function matchRuntimeApiRoute(method: string, url: string): RuntimeApiRoute {
  const path = url.split('?')[0];
  if (!path.startsWith(RUNTIME_API_PREFIX)) return { kind: 'not-found' };
  const rest = path.slice(RUNTIME_API_PREFIX.length);
  if (method === 'GET' && rest === '/invocation/next') return { kind: 'next' };
  if (method !== 'POST') return { kind: 'not-found' };
  if (rest === '/init/error') return { kind: 'init-error' };
  const match = INVOCATION_PATH.exec(rest);
  if (!match) return { kind: 'not-found' };
  const requestId = decodeURIComponent(match[1]);
  return match[2] === 'response' ? { kind: 'response', requestId } : { kind: 'error', requestId };
}
