import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { GatewayRequest } from '../events/gateway-request';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export type SigV4Verdict = { valid: true } | { valid: false; reason: string };

/** How far `X-Amz-Date` may be from the Gateway's clock (AWS allows 15 minutes). */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;_.-]+),\s*Signature=([0-9a-f]{64})$/;

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) =>
  createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding as AWS's signers do it. */
function escapeUri(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The signer's canonical URI: dot segments resolved, then the path as sent encoded once more. */
export function canonicalPath(rawPath: string): string {
  const segments: string[] = [];
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && rawPath.endsWith('/') ? '/' : '';
  return escapeUri(`/${segments.join('/')}${trailing}`).replace(/%2F/g, '/');
}

export function canonicalQuery(rawQueryString: string): string {
  return rawQueryString
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const [name, value = ''] = pair.split(/=(.*)/s);
      return `${escapeUri(safeDecode(name))}=${escapeUri(safeDecode(value))}`;
    })
    .sort()
    .join('&');
}

function canonicalHeaders(request: GatewayRequest, names: string[]): string {
  return names
    .map((name) => {
      const values = request.headers
        .filter(([header]) => header.toLowerCase() === name)
        .map(([, value]) =>
          value
            .replace(/[\r\n]/g, ' ')
            .replace(/[ \t]+/g, ' ')
            .trim(),
        );
      return `${name}:${values.join(',')}\n`;
    })
    .join('');
}

function amzDateMs(amzDate: string): number {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!match) return Number.NaN;
  const [, y, mo, d, h, mi, s] = match.map(Number);
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

/**
 * Verifies an AWS Signature Version 4 `Authorization` header (what every AWS SDK sends) against the
 * one pair of credentials the Gateway knows. The body hash is always recomputed.
 */
export function verifySigV4(
  request: GatewayRequest,
  credentials: AwsCredentials,
  nowMs: number,
): SigV4Verdict {
  const header = (name: string) => request.headers.find(([key]) => key.toLowerCase() === name)?.[1];
  const match = AUTHORIZATION.exec(header('authorization') ?? '');
  if (!match)
    return { valid: false, reason: 'missing or malformed AWS4-HMAC-SHA256 authorization' };
  const [, accessKeyId, scopeDate, region, service, signedHeaderList, signature] = match;
  if (accessKeyId !== credentials.accessKeyId)
    return { valid: false, reason: 'unknown access key' };
  const amzDate = header('x-amz-date') ?? '';
  const signedAt = amzDateMs(amzDate);
  if (!amzDate.startsWith(scopeDate) || Number.isNaN(signedAt)) {
    return { valid: false, reason: 'x-amz-date missing or not matching the credential scope' };
  }
  if (Math.abs(nowMs - signedAt) > MAX_CLOCK_SKEW_MS)
    return { valid: false, reason: 'signature expired' };
  const signedHeaders = signedHeaderList.split(';');
  if (!signedHeaders.includes('host')) return { valid: false, reason: 'host is not signed' };
  const bodyHash = sha256Hex(request.body);
  const declaredHash = header('x-amz-content-sha256');
  if (declaredHash !== undefined && declaredHash !== bodyHash) {
    return { valid: false, reason: 'x-amz-content-sha256 does not match the body' };
  }
  const canonicalRequest = [
    request.method,
    canonicalPath(request.rawPath),
    canonicalQuery(request.rawQueryString),
    canonicalHeaders(request, signedHeaders),
    signedHeaderList,
    bodyHash,
  ].join('\n');
  const scope = `${scopeDate}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = [scopeDate, region, service, 'aws4_request'].reduce<Buffer | string>(
    (key, part) => hmac(key, part),
    `AWS4${credentials.secretAccessKey}`,
  );
  const expected = hmac(signingKey, stringToSign);
  const presented = Buffer.from(signature, 'hex');
  return timingSafeEqual(expected, presented)
    ? { valid: true }
    : { valid: false, reason: 'signature does not match' };
}
