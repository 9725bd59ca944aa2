'use strict';

/** GET /sleep?ms=N: answers after N milliseconds (0 when not given). */
exports.sleep = async (event, context) => {
  const ms = Number(event.queryStringParameters?.ms ?? 0);
  await new Promise((resolve) => setTimeout(resolve, ms));
  return { statusCode: 200, body: JSON.stringify({ slept: ms, requestId: context.awsRequestId }) };
};

/** GET /echo: the request id, to tell one answer from another. */
exports.echo = async (_event, context) => ({
  statusCode: 200,
  body: JSON.stringify({ requestId: context.awsRequestId }),
});
