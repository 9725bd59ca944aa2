import type { HostileCase } from './hostile-case';
import { echoed, routed } from './hostile-case';
import type { WireResponse } from './wire';

/** Names every plain object inherits: request data with these names must stay plain data. */
const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty'];

type EventSeen = Record<string, Record<string, unknown> | null | undefined>;
const eventOf = (response: WireResponse) => JSON.parse(response.body) as EventSeen;

const queryCase = (name: string, format: 'v1' | 'v2'): HostileCase => ({
  name: `?${name}=1 (payload ${format === 'v1' ? '1.0' : '2.0'}) is an ordinary parameter`,
  request: routed('GET', `/${format === 'v1' ? 'event' : 'event-v2'}/q?${name}=1&${name}=2`),
  status: 200,
  message: undefined,
  check: (response) => {
    const event = eventOf(response);
    if (format === 'v1') {
      expect(event.queryStringParameters).toEqual({ [name]: '2' });
      expect(event.multiValueQueryStringParameters).toEqual({ [name]: ['1', '2'] });
    } else {
      expect(event.queryStringParameters).toEqual({ [name]: '1,2' });
    }
  },
});

const headerCase = (name: string, format: 'v1' | 'v2'): HostileCase => ({
  name: `a header named ${name} (payload ${format === 'v1' ? '1.0' : '2.0'}) is an ordinary header`,
  request: routed('GET', `/${format === 'v1' ? 'event' : 'event-v2'}/h`, [[name, 'value']]),
  status: 200,
  message: undefined,
  check: (response) => {
    const event = eventOf(response);
    // Payload 2.0 lower-cases header names.
    const key = format === 'v1' ? name : name.toLowerCase();
    expect(Object.getOwnPropertyDescriptor(event.headers, key)?.value).toBe('value');
    if (format === 'v1') expect(event.multiValueHeaders?.[name]).toEqual(['value']);
  },
});

/** `?constructor=1`, `?__proto__=1`, a header named `valueOf`, …: correct events, never 500. */
export const PROTOTYPE_CASES: HostileCase[] = [
  ...PROTOTYPE_NAMES.flatMap((name) => [queryCase(name, 'v1'), queryCase(name, 'v2')]),
  ...['constructor', '__proto__', 'valueOf'].flatMap((name) => [
    headerCase(name, 'v1'),
    headerCase(name, 'v2'),
  ]),
];

const pathParameterCase = (value: string): HostileCase => ({
  name: `a path parameter whose value is ${value}`,
  request: routed('GET', `/items/${value}`),
  status: 200,
  message: 'echoed',
  check: (response) => expect(echoed(response).pathParameters).toEqual({ id: value }),
});

PROTOTYPE_CASES.push(
  pathParameterCase('__proto__'),
  pathParameterCase('constructor'),
  headerCase('hasOwnProperty', 'v1'),
  {
    name: 'a bracketed ?__proto__[polluted]=1 is one ordinary name',
    request: routed('GET', '/event/q?__proto__[polluted]=1'),
    status: 200,
    message: undefined,
    check: (response) =>
      expect(eventOf(response).queryStringParameters).toEqual({ '__proto__[polluted]': '1' }),
  },
  {
    name: 'a cookie named __proto__ (payload 2.0) stays a cookie',
    request: routed('GET', '/event-v2/c', [['cookie', '__proto__=1; constructor=2']]),
    status: 200,
    message: undefined,
    check: (response) =>
      expect(eventOf(response).cookies).toEqual(['__proto__=1', 'constructor=2']),
  },
);
