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
    name: `function answers a ${HUGE_BODY_BYTES >> 20} MB body (over Lambda's 6 MB)`,
    request: routed('GET', '/bad/huge'),
    ...internalError,
  },
  {
    name: 'function answers statusCode 100',
    request: routed('GET', '/bad/status-100'),
    ...internalError,
  },
  {
    name: 'function answers statusCode 101',
    request: routed('GET', '/bad/status-101'),
    ...internalError,
  },
  {
    name: 'function answers statusCode 103',
    request: routed('GET', '/bad/status-103'),
    ...internalError,
  },
  {
    name: 'function sets a 1 MB header value',
    request: routed('GET', '/bad/huge-header'),
    ...internalError,
  },
  {
    name: 'function sets 5,000 headers',
    request: routed('GET', '/bad/many-headers'),
    ...internalError,
  },
  {
    name: 'function sets hop-by-hop headers: dropped, the answer relayed',
    request: routed('GET', '/bad/hop-by-hop'),
    status: 200,
    message: 'hop-by-hop',
    check: (response) => {
      expect(response.headers['x-kept']).toBe('yes');
      for (const name of ['upgrade', 'te', 'trailer', 'proxy-connection']) {
        expect(response.headers[name]).toBeUndefined();
      }
      // The Gateway's own keep-alive answer, not the function's `timeout=1`.
      expect(response.headers['keep-alive']).not.toBe('timeout=1');
      expect(response.headers['connection']).not.toBe('upgrade');
    },
  },
  {
    name: 'function cannot overwrite X-Request-Id or Strict-Transport-Security',
    request: routed('GET', '/bad/owned-headers'),
    status: 200,
    message: 'owned',
    check: (response) => {
      expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.headers['strict-transport-security']).toBeUndefined();
    },
  },
  {
    name: 'function sets a header value with CRLF (response splitting)',
    request: routed('GET', '/bad/header-injection'),
    ...internalError,
  },
];
