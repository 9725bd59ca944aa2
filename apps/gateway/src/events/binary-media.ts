import { headerValue, type GatewayRequest } from './gateway-request';

/** The media type of a header value, lower-cased, without parameters (`image/png; q=1` → `image/png`). */
function mediaType(value: string): string {
  return value.split(';')[0].trim().toLowerCase();
}

/** Whether a media type matches one of a REST API's `binaryMediaTypes` (`image/png`, `image/*`, `*\/*`). */
export function isBinaryMediaType(
  type: string | undefined,
  binaryTypes: readonly string[],
): boolean {
  if (type === undefined || binaryTypes.length === 0) return false;
  const [major, minor] = mediaType(type).split('/');
  return binaryTypes.some((pattern) => {
    const [wantMajor, wantMinor] = mediaType(pattern).split('/');
    return (wantMajor === '*' || wantMajor === major) && (wantMinor === '*' || wantMinor === minor);
  });
}

/**
 * A REST API's request body: base64 (`isBase64Encoded: true`) when its `Content-Type` is one of the
 * API's binary media types, else text — as API Gateway does, bytes that are not UTF-8 are then not
 * kept (a REST API without binary media types cannot carry binary bodies).
 */
export function restEventBody(
  request: GatewayRequest,
  binaryTypes: readonly string[],
): { body: string | null; isBase64Encoded: boolean } {
  if (request.body.length === 0) return { body: null, isBase64Encoded: false };
  if (isBinaryMediaType(headerValue(request, 'content-type'), binaryTypes)) {
    return { body: request.body.toString('base64'), isBase64Encoded: true };
  }
  return { body: request.body.toString('utf8'), isBase64Encoded: false };
}

/**
 * Whether a REST API turns a result's base64 body (`isBase64Encoded: true`) back into bytes: only
 * when the first type of the request's `Accept` is one of its binary media types; otherwise the
 * client gets the base64 text, as from API Gateway.
 */
export function restDecodesBase64(
  accept: string | undefined,
  binaryTypes: readonly string[],
): boolean {
  return isBinaryMediaType(accept?.split(',')[0], binaryTypes);
}
