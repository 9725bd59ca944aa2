import { randomBytes } from 'node:crypto';

/**
 * The X-Ray trace header. API Gateway hands one to each invocation; the runtime exposes it as
 * `_X_AMZN_TRACE_ID`, and the AWS SDKs inside the function send it back on every call they make
 * (their recursion-detection step) — which is how the Gateway tells which invocation made a call.
 */
export const TRACE_ID_HEADER = 'x-amzn-trace-id';

const ROOT_PATTERN = /^1-[0-9a-f]{8}-[0-9a-f]{24}$/;
const HEADER_PATTERN = /^[\x21-\x7e]{1,256}$/;

/** A trace header: `Root=1-<epoch hex>-<96 bit hex>;Parent=<64 bit hex>;Sampled=0`. */
export function newTraceId(epochMs: number, random = randomBytes(20)): string {
  const seconds = Math.floor(epochMs / 1000)
    .toString(16)
    .padStart(8, '0');
  const hex = random.toString('hex');
  return `Root=1-${seconds}-${hex.slice(0, 24)};Parent=${hex.slice(24, 40)};Sampled=0`;
}

/** The `Root` of a trace header when it has a well-formed one, else undefined. */
export function traceRoot(headerValue: string | string[] | undefined): string | undefined {
  const value = Array.isArray(headerValue) ? headerValue[0] : headerValue;
  if (!value || !HEADER_PATTERN.test(value)) return undefined;
  const root = value
    .split(';')
    .find((part) => part.startsWith('Root='))
    ?.slice('Root='.length);
  return root !== undefined && ROOT_PATTERN.test(root) ? root : undefined;
}

/** The caller's trace header when it carries a well-formed root (safe to pass on), else undefined. */
export function usableTraceId(headerValue: string | string[] | undefined): string | undefined {
  const value = Array.isArray(headerValue) ? headerValue[0] : headerValue;
  return traceRoot(value) === undefined ? undefined : value;
}
