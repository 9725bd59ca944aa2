import { HUGE_BODY_BYTES } from './functions';
import { HostileCase, routed } from './hostile-case';

const internalError = { status: 502, message: 'Internal server error' };

/** Functions answering what API Gateway cannot turn into a response: 502, details only in the log. */
export const FUNCTION_RESULT_CASES: HostileCase[] = [
  { name: 'function answers non-JSON', request: routed('GET', '/bad/non-json'), ...internalError },
  {
    name: 'function answers statusCode 999',
    request: routed('GET', '/bad/invalid-status'),
    ...internalError,
  },
  {
    name: 'function answers statusCode as a string',
    request: routed('GET', '/bad/string-status'),
    ...internalError,
  },
  {
    name: 'function answers without statusCode',
    request: routed('GET', '/bad/no-status'),
    ...internalError,
  },
  {
    name: 'function error with a stack trace (X-Amz-Function-Error)',
    request: routed('GET', '/bad/function-error'),
    ...internalError,
  },
  { name: 'runtime crash', request: routed('GET', '/bad/crash'), ...internalError },
  {
    name: 'function answers a 7 MB body: passed through whole',
    request: routed('GET', '/bad/huge'),
    status: 200,
    message: 'huge',
    check: (response) => expect(response.body.length).toBeGreaterThan(HUGE_BODY_BYTES),
  },
  {
    name: 'function sets a header value with CRLF (response splitting)',
    request: routed('GET', '/bad/header-injection'),
    ...internalError,
  },
];
