/** An error of the Lambda service API: status, `x-amzn-ErrorType` and message. */
export class LambdaApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorType: string,
    message: string,
  ) {
    super(message);
    this.name = 'LambdaApiError';
  }
}
