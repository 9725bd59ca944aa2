import { consoleLine } from './console-patch';
import { errorBodyFor, RuntimeError } from './error-body';
import { findExport } from './load-handler';

describe('errorBodyFor', () => {
  it('reports an Error with its name, message and stack lines', () => {
    const error = new TypeError('bad input');
    const body = errorBodyFor(error);
    expect(body.errorType).toBe('TypeError');
    expect(body.errorMessage).toBe('bad input');
    expect(body.trace[0]).toBe('TypeError: bad input');
    expect(body.trace.length).toBeGreaterThan(1);
  });

  it.each([
    ['a string', 'went wrong', { errorType: 'string', errorMessage: 'went wrong', trace: [] }],
    ['a number', 42, { errorType: 'number', errorMessage: '42', trace: [] }],
    ['an object', { code: 1 }, { errorType: 'object', errorMessage: '{"code":1}', trace: [] }],
  ])('reports %s thrown as is', (_name, thrown, expected) => {
    expect(errorBodyFor(thrown)).toEqual(expected);
  });

  it('uses an explicit error type when given, and Lambda types for runtime errors', () => {
    expect(errorBodyFor('x', 'Runtime.UnhandledPromiseRejection').errorType).toBe(
      'Runtime.UnhandledPromiseRejection',
    );
    expect(errorBodyFor(new RuntimeError('Runtime.HandlerNotFound', 'gone')).errorType).toBe(
      'Runtime.HandlerNotFound',
    );
  });
});

describe('findExport', () => {
  const handler = () => 'h';
  it.each([
    ['a named export', { handler }, ['handler'], handler],
    ['a nested export', { api: { get: handler } }, ['api', 'get'], handler],
    ['CommonJS exports under default', { default: { handler } }, ['handler'], handler],
    ['a missing export', { other: handler }, ['handler'], undefined],
    ['a path through a missing object', {}, ['a', 'b'], undefined],
  ])('finds %s', (_name, namespace, path, expected) => {
    expect(findExport(namespace, path)).toBe(expected);
  });
});

describe('consoleLine', () => {
  it.each([
    [
      'INFO' as const,
      ['hello', 'world'],
      'r1',
      { level: 'INFO', message: 'hello world', requestId: 'r1' },
    ],
    ['WARN' as const, ['n=%d', 5], undefined, { level: 'WARN', message: 'n=5' }],
    [
      'ERROR' as const,
      [{ code: 7 }],
      'r2',
      { level: 'ERROR', message: '{ code: 7 }', requestId: 'r2' },
    ],
  ])('formats %s %j as one JSON line', (level, args, requestId, expected) => {
    const line = consoleLine(level, args, requestId);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.trimEnd()).not.toContain('\n');
    expect(JSON.parse(line)).toEqual(expected);
  });
});
