import { KeyedMutex, SingleFlight } from './concurrency';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('KeyedMutex', () => {
  it('runs tasks of one key one at a time, in order, even after a failure', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    const gate = deferred();
    const first = mutex.run('a', async () => {
      log.push('first start');
      await gate.promise;
      log.push('first end');
      throw new Error('boom');
    });
    const second = mutex.run('a', async () => log.push('second'));
    const other = mutex.run('b', async () => log.push('other key'));
    await other;
    expect(log).toEqual(['first start', 'other key']);
    gate.resolve();
    await expect(first).rejects.toThrow('boom');
    await second;
    expect(log).toEqual(['first start', 'other key', 'first end', 'second']);
  });
});

describe('SingleFlight', () => {
  it('shares one running task between callers of the same key, then forgets it', async () => {
    const flight = new SingleFlight<number>();
    let calls = 0;
    const gate = deferred();
    const task = async () => {
      calls++;
      await gate.promise;
      return calls;
    };
    const results = Promise.all([flight.run('k', task), flight.run('k', task)]);
    gate.resolve();
    expect(await results).toEqual([1, 1]);
    expect(await flight.run('k', task)).toBe(2);
  });
});
