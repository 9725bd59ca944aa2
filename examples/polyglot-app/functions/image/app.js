// Handler app.handler of a container-image function (its CMD).
const { shout } = require('polyglot-shout');

exports.handler = async (event, context) => {
  const name = event.pathParameters?.name;
  if (name === 'fail') {
    const error = new Error(`cannot greet ${name}`);
    error.name = 'GreetingError';
    throw error;
  }
  if (name === 'sleep') await new Promise((resolve) => setTimeout(resolve, 8000));
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      greeting: shout(`hello ${name} from an image on node ${process.versions.node.split('.')[0]}`),
      functionName: context.functionName,
      requestId: context.awsRequestId,
      apiRequestId: event.requestContext?.requestId,
      path: event.path,
    }),
  };
};
