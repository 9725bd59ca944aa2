// Authorizers and an echo function for the authorizer system spec.
let invocations = 0;

const policy = (principalId, effect, resource, context) => ({
  principalId,
  policyDocument: {
    Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }],
  },
  context,
});

// TOKEN: "Bearer allow-<name>" is allowed, "Bearer deny-..." denied, anything else Unauthorized.
// The policy allows every method (`*`): one cached answer serves the app's routes.
exports.token = async (event) => {
  invocations += 1;
  const token = event.authorizationToken.replace(/^Bearer /, '');
  if (token.startsWith('allow-')) {
    const answer = policy(token.slice(6), 'Allow', '*', { invocations, kind: 'token' });
    // A usage plan key for callers of an API whose ApiKeySourceType is AUTHORIZER.
    if (token === 'allow-partner') answer.usageIdentifierKey = 'partner-key-from-the-authorizer-01';
    return answer;
  }
  if (token.startsWith('deny-')) return policy('nobody', 'Deny', event.methodArn, {});
  throw new Error('Unauthorized');
};

// REQUEST: the x-tenant header must be "acme".
exports.request = async (event) => {
  invocations += 1;
  const tenant = event.headers['x-tenant'];
  return policy(tenant, tenant === 'acme' ? 'Allow' : 'Deny', event.methodArn, { invocations });
};

exports.echo = async (event) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    path: event.rawPath ?? event.path,
    authorizer: event.requestContext.authorizer ?? null,
    apiKey: event.requestContext.identity ? event.requestContext.identity.apiKey : undefined,
  }),
});
