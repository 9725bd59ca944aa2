import { putObject } from '../../lib/s3.mjs';

/**
 * Invoked only through the Lambda API (no route). `echo` answers the caller (synchronous
 * RequestResponse); `record` writes the event to S3, the visible side effect of an async `Event`
 * invocation.
 */
export const handler = async (event, context) => {
  if (event.action === 'record') {
    const record = { message: event.message, recordedBy: context.functionName };
    await putObject(process.env.DATA_BUCKET, event.key, JSON.stringify(record), 'application/json');
    return { recorded: event.key };
  }
  return { echo: event.message, handledBy: context.functionName };
};
