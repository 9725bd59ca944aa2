import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';

const client = new CloudWatchLogsClient({});
const alreadyThere = (error) => {
  if (error.name !== 'ResourceAlreadyExistsException') throw error;
};

/**
 * GET /logs: one line per console level on stdout, and an ERROR and a WARN event written through
 * the AWS SDK's CloudWatch Logs client (Lambda's Node text layout: time, request id, level, text),
 * plus a plain event that names no request id.
 */
export const handler = async (_event, context) => {
  const requestId = context.awsRequestId;
  console.debug(`logger debug line ${requestId}`);
  console.info(`logger info line ${requestId}`);
  const names = { logGroupName: '/aws/lambda/system-logger', logStreamName: requestId };
  await client
    .send(new CreateLogGroupCommand({ logGroupName: names.logGroupName }))
    .catch(alreadyThere);
  await client.send(new CreateLogStreamCommand(names)).catch(alreadyThere);
  const event = (level, text) => ({
    timestamp: Date.now(),
    message: `${new Date().toISOString()}\t${requestId}\t${level}\t${text}`,
  });
  await client.send(
    new PutLogEventsCommand({
      ...names,
      logEvents: [
        event('ERROR', 'logger error event'),
        event('WARN', 'logger warn event'),
        { timestamp: Date.now(), message: 'logger plain event' },
      ],
    }),
  );
  return { statusCode: 200, body: JSON.stringify({ requestId }) };
};
