'use strict';
const { readFileSync } = require('node:fs');

/** The shared layer is copied into /opt; fall back to a plain greeting without it. */
function greeting() {
  try {
    return JSON.parse(readFileSync('/opt/shared/messages.json', 'utf8')).greeting;
  } catch {
    return 'Hello';
  }
}

/** GET /hello (REST API, payload 1.0): greets the caller named in the JWT claims. */
exports.handler = async (event) => {
  const claims = event.requestContext?.authorizer?.claims ?? {};
  const username = claims['cognito:username'] ?? 'anonymous';
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message: `${greeting()}, ${username}!`, stage: process.env.STAGE }),
  };
};
