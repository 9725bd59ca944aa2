import { anonymous, CLIENT_ERROR, HostileCase, raw, routed } from './hostile-case';

/** Methods no route names, and method tokens HTTP parsers do not know. */
export const METHOD_CASES: HostileCase[] = [
  {
    name: 'PROPFIND on a route',
    request: routed('PROPFIND', '/echo/m'),
    status: 404,
    message: 'Not Found',
  },
  {
    name: 'PROPFIND without a token',
    request: anonymous('PROPFIND', '/echo/m'),
    status: 404,
    message: 'Not Found',
  },
  {
    name: 'unknown method FOO',
    request: routed('FOO', '/echo/m'),
    ...CLIENT_ERROR,
  },
  {
    name: 'lower-case method',
    request: routed('get', '/echo/m'),
    ...CLIENT_ERROR,
  },
  {
    name: 'a request line that is not HTTP',
    request: raw('HELLO\r\n\r\n'),
    ...CLIENT_ERROR,
  },
  {
    name: 'TRACE on a GET-only route',
    request: routed('TRACE', '/items/1'),
    status: 404,
    message: 'Not Found',
  },
];
