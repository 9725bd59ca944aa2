import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AsyncEvent } from './async-policy';
import { CoalescedTask, DirectoryEventStore, KeyedSerializer } from './event-store';

const event = (id: string, attempts = 0): AsyncEvent => ({
  id,
  function: 'fn',
  payload: '{}',
  enqueuedAt: 1,
  attempts,
  systemRetries: 0,
  notBefore: 1,
});

describe('CoalescedTask', () => {
  it('runs once for callers that arrive while it runs, and again only for those', async () => {
    const starts: number[] = [];
    let release!: () => void;
    const task = new CoalescedTask(async () => {
      starts.push(starts.length);
      await new Promise<void>((resolve) => (release = resolve));
    });
    const first = task.run();
    const second = task.run();
    const third = task.run();
    expect(second).toBe(third); // shared: one run after the current one
    release();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    expect(starts).toEqual([0, 1]);
    release();
    await Promise.all([second, third]);
    expect(starts).toEqual([0, 1]);
  });
});

describe('KeyedSerializer', () => {
  it('orders operations on one key and runs other keys alongside', async () => {
    const serial = new KeyedSerializer();
    const log: string[] = [];
    const step = (name: string, ms: number) => () =>
      new Promise<void>((resolve) =>
        setTimeout(() => {
          log.push(name);
          resolve();
        }, ms),
      );
    await Promise.all([
      serial.run('a', step('a1', 30)),
      serial.run('a', step('a2', 1)),
      serial.run('b', step('b1', 10)),
    ]);
    expect(log).toEqual(['b1', 'a1', 'a2']);
  });

  it('goes on after a failed operation', async () => {
    const serial = new KeyedSerializer();
    await expect(serial.run('a', () => Promise.reject(new Error('disk')))).rejects.toThrow('disk');
    await expect(serial.run('a', () => Promise.resolve())).resolves.toBeUndefined();
  });
});

describe('DirectoryEventStore', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'onpre-store-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the last of concurrent saves of one event and removes after them', async () => {
    const store = new DirectoryEventStore(dir);
    await Promise.all([0, 1, 2, 3].map((attempts) => store.saveEvent(event('e1', attempts))));
    await Promise.all(Array.from({ length: 50 }, (_, n) => store.saveEvent(event(`n${n}`))));
    expect(new DirectoryEventStore(dir).loadEvents()).toHaveLength(51);
    expect(new DirectoryEventStore(dir).loadEvents().find((e) => e.id === 'e1')?.attempts).toBe(3);
    await Promise.all([store.saveEvent(event('e1', 4)), store.removeEvent('e1')]);
    expect(new DirectoryEventStore(dir).loadEvents().map((e) => e.id)).not.toContain('e1');
  });

  it('drops the temp file of a write a crash cut short and skips an unreadable event', async () => {
    const store = new DirectoryEventStore(dir);
    await store.saveEvent(event('kept'));
    writeFileSync(join(dir, 'async-events', 'torn.json.tmp-1-1'), '{"id":"to');
    writeFileSync(join(dir, 'async-events', 'broken.json'), 'not json');
    expect(new DirectoryEventStore(dir).loadEvents().map((e) => e.id)).toEqual(['kept']);
    expect(readdirSync(join(dir, 'async-events')).sort()).toEqual(['broken.json', 'kept.json']);
  });

  it('refuses an event id that is not a plain file name', async () => {
    const store = new DirectoryEventStore(dir);
    expect(() => store.saveEvent(event('../escape'))).toThrow(/invalid event id/);
  });
});
