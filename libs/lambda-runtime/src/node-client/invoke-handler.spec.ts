import { createContext, type LambdaContext } from './context';
import { invokeHandler, serializeResult, type Callback, type Handler } from './invoke-handler';

const context = (): LambdaContext =>
  createContext(
    { requestId: 'r1', deadlineMs: 10_000, invokedFunctionArn: 'arn:x' },
    { AWS_LAMBDA_FUNCTION_NAME: 'f' },
    () => 9_000,
  );
const later = (fn: () => void) => setTimeout(fn, 1);

describe('invokeHandler', () => {
  it.each<[string, Handler, unknown]>([
    ['an async handler', async (event) => ({ got: event }), { got: { a: 1 } }],
    ['a promise handler', (event) => Promise.resolve([event]), [{ a: 1 }]],
    ['a synchronous return', (event) => `sync ${JSON.stringify(event)}`, 'sync {"a":1}'],
    [
      'a callback handler',
      (_event: unknown, _context: LambdaContext, callback: Callback) =>
        later(() => callback(null, 'cb')),
      'cb',
    ],
    [
      'context.succeed',
      (_event: unknown, ctx: LambdaContext) => {
        later(() => (ctx as unknown as { succeed: (r: unknown) => void }).succeed('ok'));
      },
      'ok',
    ],
  ])('resolves %s', async (_name, handler, expected) => {
    await expect(invokeHandler(handler, { a: 1 }, context())).resolves.toEqual(expected);
  });

  it.each<[string, Handler, unknown]>([
    [
      'an async throw',
      async () => {
        throw new TypeError('bad');
      },
      new TypeError('bad'),
    ],
    [
      'a synchronous throw',
      () => {
        throw new RangeError('sync');
      },
      new RangeError('sync'),
    ],
    [
      'a callback error',
      (_e: unknown, _c: LambdaContext, callback: Callback) => callback('text error'),
      'text error',
    ],
    ['a rejection without a reason', () => Promise.reject(undefined), expect.any(Error)],
    [
      'context.fail',
      (_e: unknown, ctx: LambdaContext) =>
        (ctx as unknown as { fail: (e: unknown) => void }).fail(new Error('f')),
      new Error('f'),
    ],
  ])('rejects %s', async (_name, handler, expected) => {
    await expect(invokeHandler(handler, {}, context())).rejects.toEqual(expected);
  });

  it('waits for a completion when a handler returns nothing', async () => {
    let complete: Callback = () => undefined;
    const handler: Handler = (_event, _ctx, callback) => {
      complete = callback;
    };
    let settled = false;
    const result = invokeHandler(handler, {}, context()).then((value) => {
      settled = true;
      return value;
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(settled).toBe(false);
    complete(null, 'late');
    await expect(result).resolves.toBe('late');
  });

  it('keeps the first completion', async () => {
    const handler: Handler = (_event, _ctx, callback) => {
      callback(null, 'first');
      callback(new Error('second'));
    };
    await expect(invokeHandler(handler, {}, context())).resolves.toBe('first');
  });
});

describe('serializeResult', () => {
  it.each([
    [undefined, 'null'],
    [null, 'null'],
    ['text', '"text"'],
    [{ a: [1] }, '{"a":[1]}'],
  ])('%p → %s', (value, json) => {
    expect(serializeResult(value)).toBe(json);
  });

  it('throws for values JSON cannot hold', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => serializeResult(circular)).toThrow(TypeError);
  });
});
