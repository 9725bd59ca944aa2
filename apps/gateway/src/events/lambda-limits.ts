/**
 * Lambda's synchronous response payload quota: "6 MB" is 6,291,556 bytes, the figure in the
 * `Function.ResponseSizeTooLarge` error Lambda answers for a bigger result (API Gateway then answers
 * 502). The Gateway stops reading a container's answer past it.
 */
export const LAMBDA_SYNC_RESPONSE_LIMIT_BYTES = 6_291_556;

export const RESPONSE_TOO_LARGE = {
  errorType: 'Function.ResponseSizeTooLarge',
  errorMessage: `Response payload size exceeded maximum allowed payload size (${LAMBDA_SYNC_RESPONSE_LIMIT_BYTES} bytes).`,
} as const;
