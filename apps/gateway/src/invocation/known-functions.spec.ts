import { Logger } from '@nestjs/common';
import type { Clock } from '@app/platform';
import { FUNCTION_LIST_REFRESH_MS, KnownFunctions } from './known-functions';
import type { FunctionList } from './ports';

class ManualClock implements Clock {
  time = 1_000_000;
  now(): number {
    return this.time;
  }
  async sleep(ms: number): Promise<void> {
    this.time += ms;
  }
}

class ListedFunctions implements FunctionList {
  calls = 0;
  failing = false;
  constructor(public names: string[]) {}
  async functions(): Promise<string[]> {
    this.calls += 1;
    if (this.failing) throw new Error('connect ECONNREFUSED 127.0.0.1:1');
    return this.names;
  }
}

describe('KnownFunctions', () => {
  beforeAll(() => Logger.overrideLogger(false));

  const setUp = (names: string[]) => {
    const clock = new ManualClock();
    const list = new ListedFunctions(names);
    return { clock, list, known: new KnownFunctions(list, clock) };
  };

  it('answers 3,000 distinct unknown names with one list call', async () => {
    const { list, known } = setUp(['hello']);
    const answers = await Promise.all(
      Array.from({ length: 3000 }, (_, index) => known.mayExist(`nope-${index}`)),
    );
    expect(answers.every((answer) => answer === false)).toBe(true);
    expect(list.calls).toBe(1);
    expect(await known.mayExist('hello')).toBe(true);
    expect(list.calls).toBe(1);
  });

  it('lists again at most once per refresh interval, so an added function becomes callable', async () => {
    const { clock, list, known } = setUp(['hello']);
    expect(await known.mayExist('added')).toBe(false);
    list.names = ['hello', 'added'];
    expect(await known.mayExist('added')).toBe(false);
    clock.time += FUNCTION_LIST_REFRESH_MS;
    expect(await known.mayExist('added')).toBe(true);
    expect(list.calls).toBe(2);
  });

  it('lets every name through while the list cannot be had (the ensure decides)', async () => {
    const { list, known } = setUp([]);
    list.failing = true;
    expect(await known.mayExist('anything')).toBe(true);
  });
});
