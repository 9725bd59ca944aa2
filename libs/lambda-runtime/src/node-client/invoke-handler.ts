import type { LambdaContext } from './context';

export type Callback = (error?: unknown, result?: unknown) => void;
export type Handler = (event: unknown, context: LambdaContext, callback: Callback) => unknown;

/** The legacy completion methods Lambda still puts on `context`. */
export interface CompletionContext extends LambdaContext {
  done: Callback;
  succeed: (result?: unknown) => void;
  fail: (error?: unknown) => void;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}

/**
 * Runs a handler in any of node's styles: async (a promise), callback (third parameter, or the
 * legacy `context.done/succeed/fail`), or a synchronous return of a value (ignored when the handler
 * declares a callback, as its return is then incidental). The first completion
 * wins. A handler that returns nothing and never completes is answered `null` by the client once
 * the event loop is empty, as in Lambda. The answer does not wait for an empty event loop after a
 * callback (`callbackWaitsForEmptyEventLoop` is advisory here).
 */
export function invokeHandler(
  handler: Handler,
  event: unknown,
  context: LambdaContext,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const callback: Callback = (error, result) => {
      if (settled) return;
      settled = true;
      // A callback may fail with any value (`callback('text')`); the runtime reports it as given.
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      if (error !== undefined && error !== null) reject(error);
      else resolve(result);
    };
    const completion: CompletionContext = Object.assign(context, {
      done: callback,
      succeed: (result?: unknown) => callback(null, result),
      fail: (error?: unknown) => callback(error ?? new Error('context.fail called')),
    });
    try {
      const returned = handler(event, completion, callback);
      if (isThenable(returned)) {
        returned.then(
          (result) => callback(null, result),
          (error: unknown) => callback(error ?? new Error('The handler rejected without a reason')),
        );
      } else if (returned !== undefined && handler.length < 3) {
        callback(null, returned);
      }
    } catch (error) {
      callback(error ?? new Error('The handler threw without a reason'));
    }
  });
}

/** A result as the JSON text Lambda returns; `undefined` becomes `null`. */
export function serializeResult(result: unknown): string {
  return JSON.stringify(result) ?? 'null';
}
