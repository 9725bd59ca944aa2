/** An error of the CloudWatch Logs JSON protocol: HTTP status, `__type` and message. */
export class CloudWatchLogsError extends Error {
  constructor(
    readonly errorType: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'CloudWatchLogsError';
  }
}

export const invalidParameter = (message: string) =>
  new CloudWatchLogsError('InvalidParameterException', message);
