import { isUtf8 } from 'node:buffer';

const TEXT_TYPES = [
  /^text\//,
  /^application\/(json|xml|javascript|x-www-form-urlencoded|graphql|x-ndjson)\b/,
  /^application\/[^;]*\+(json|xml)\b/,
];

/** A media type the Gateway hands to functions as text (when the bytes are valid UTF-8). */
export function isTextMediaType(contentType: string | undefined): boolean {
  if (contentType === undefined) return true;
  const type = contentType.trim().toLowerCase();
  return TEXT_TYPES.some((pattern) => pattern.test(type));
}

/**
 * The event's `body`/`isBase64Encoded` pair: UTF-8 text for textual media types, base64 for binary
 * media types or bytes that are not valid UTF-8. `null` for an empty body.
 */
export function encodeEventBody(
  body: Buffer,
  contentType: string | undefined,
): { body: string | null; isBase64Encoded: boolean } {
  if (body.length === 0) return { body: null, isBase64Encoded: false };
  if (isTextMediaType(contentType) && isUtf8(body)) {
    return { body: body.toString('utf8'), isBase64Encoded: false };
  }
  return { body: body.toString('base64'), isBase64Encoded: true };
}
