import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';

// The endpoint comes from AWS_ENDPOINT_URL_LAMBDA, which the SDK reads itself.
const lambda = new LambdaClient({});

/** On each Scheduled Event: one Event invocation of the worker that succeeds, one that fails. */
export const handler = async (event) => {
  console.log('TICK ' + JSON.stringify(event));
  const send = (payload) =>
    lambda.send(
      new InvokeCommand({
        FunctionName: process.env.WORKER_FUNCTION,
        InvocationType: 'Event',
        Payload: JSON.stringify(payload),
      }),
    );
  const answers = await Promise.all([send({ tick: event.time }), send({ tick: event.time, fail: true })]);
  const statusCodes = answers.map((answer) => answer.StatusCode);
  console.log('SENT ' + JSON.stringify({ tick: event.time, statusCodes }));
  return { statusCodes };
};
