import { randomUUID } from 'node:crypto';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { bodyText, json } from '../../lib/http.mjs';

// The endpoint comes from AWS_ENDPOINT_URL_LAMBDA, which the SDK reads itself.
const lambda = new LambdaClient({});
const worker = process.env.WORKER_FUNCTION;

function invoke(invocationType, payload) {
  return lambda.send(
    new InvokeCommand({
      FunctionName: worker,
      InvocationType: invocationType,
      Payload: JSON.stringify(payload),
    }),
  );
}

/**
 * POST /invoke (HTTP API with payload 1.0): calls the worker synchronously and gets its answer, then
 * asynchronously; the async call's result shows up later as an S3 object (GET /files/{key}).
 */
export const handler = async (event) => {
  const message = JSON.parse(bodyText(event) || '{}').message ?? 'ping';
  const sync = await invoke('RequestResponse', { action: 'echo', message });
  const key = `async-${randomUUID()}.json`;
  const async = await invoke('Event', { action: 'record', message, key });
  return json(200, {
    sync: {
      statusCode: sync.StatusCode,
      functionError: sync.FunctionError,
      result: JSON.parse(Buffer.from(sync.Payload ?? []).toString('utf8') || 'null'),
    },
    async: { statusCode: async.StatusCode, key },
  });
};
