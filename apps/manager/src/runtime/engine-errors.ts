import { DockerUnavailableError } from '../errors';

/** What dockerode's errors carry (status of the Engine API answer, or the socket's error code). */
interface DockerError {
  statusCode?: number;
  code?: string;
  message?: string;
  json?: { message?: string } | null;
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOENT', 'ECONNRESET', 'EPIPE', 'EACCES']);

/** Engine not answering (socket gone, refused, reset) → DockerUnavailableError; others unchanged. */
export function translate(error: unknown): unknown {
  const { code, message } = error as DockerError;
  if (code && UNREACHABLE_CODES.has(code)) return new DockerUnavailableError(code);
  if (message?.includes('socket hang up')) return new DockerUnavailableError('connection closed');
  return error;
}

/** Runs one Engine API call, translating an unreachable engine. */
export async function engineCall<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw translate(error);
  }
}

export function statusOf(error: unknown): number | undefined {
  return (error as DockerError).statusCode;
}

/** The Engine API's message (`json.message`), else the error's. */
export function messageOf(error: unknown): string {
  const { json, message } = error as DockerError;
  return json?.message ?? message ?? '';
}
