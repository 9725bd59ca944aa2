/** The parts of an HTTP request the event mappers need, captured once per request. */
export interface GatewayRequest {
  /** Upper-case HTTP method. */
  method: string;
  /** Path exactly as sent (percent-encoded, without the query string). */
  rawPath: string;
  /** Query string exactly as sent, without the leading `?` ('' when none). */
  rawQueryString: string;
  /** Header name/value pairs in arrival order, names as sent, duplicates kept. */
  headers: ReadonlyArray<readonly [string, string]>;
  /** Raw body bytes; empty when the request had none. */
  body: Buffer;
  sourceIp: string;
  /** e.g. `HTTP/1.1`. */
  protocol: string;
  requestId: string;
  /** Epoch milliseconds when the Gateway received the request. */
  receivedAt: number;
}

/** Claims of the verified caller (the JWT payload). */
export type CallerClaims = Record<string, string | number | boolean>;

/** Node's flat `rawHeaders` array as name/value pairs. */
export function headerPairs(rawHeaders: readonly string[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    pairs.push([rawHeaders[index], rawHeaders[index + 1]]);
  }
  return pairs;
}

/** First value of a header, case-insensitively (undefined when absent). */
export function headerValue(request: GatewayRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return request.headers.find(([key]) => key.toLowerCase() === wanted)?.[1];
}

/** Splits `/a/b?x=1` into its raw path and raw query string. */
export function splitUrl(url: string): { rawPath: string; rawQueryString: string } {
  const mark = url.indexOf('?');
  return mark < 0
    ? { rawPath: url, rawQueryString: '' }
    : { rawPath: url.slice(0, mark), rawQueryString: url.slice(mark + 1) };
}
