/** An API Gateway proxy result with a JSON body. */
export function json(statusCode, body) {
  return {
    statusCode,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
}

/** The request body as text, whichever payload format and encoding the event carries. */
export function bodyText(event) {
  if (!event.body) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

/** HTTP method of a payload 1.0 (`httpMethod`) or 2.0 (`requestContext.http.method`) event. */
export function httpMethod(event) {
  return event.httpMethod ?? event.requestContext?.http?.method;
}
