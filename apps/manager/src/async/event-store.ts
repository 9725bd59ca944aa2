import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { AsyncEvent } from './async-policy';

/** Durable storage of queued async events and of schedule state (the Manager's data directory). */
export const EVENT_STORE = Symbol('EventStore');

export interface EventStore {
  loadEvents(): AsyncEvent[];
  /** Durable when the promise resolves. */
  saveEvent(event: AsyncEvent): Promise<void>;
  removeEvent(id: string): Promise<void>;
  loadState(name: string): unknown;
  saveState(name: string, value: unknown): Promise<void>;
}

const SAFE_ID = /^[A-Za-z0-9_.-]{1,128}$/;

/**
 * Runs `task` so that every caller's promise resolves after a run that *started* after the call:
 * callers arriving while one runs share the next run (one directory fsync for many renames).
 */
export class CoalescedTask {
  private running?: Promise<void>;
  private next?: Promise<void>;

  constructor(private readonly task: () => Promise<void>) {}

  run(): Promise<void> {
    if (!this.running) {
      this.running = this.task().finally(() => (this.running = undefined));
      return this.running;
    }
    this.next ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.next = undefined;
        return this.run();
      });
    return this.next;
  }
}

/** Runs operations on one key one after the other (a save and a remove of one event never cross). */
export class KeyedSerializer {
  private readonly tails = new Map<string, Promise<void>>();

  run(key: string, operation: () => Promise<void>): Promise<void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const done = previous.catch(() => undefined).then(operation);
    const tail = done.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return done;
  }
}

/**
 * One JSON file per event under `<dataDir>/async-events/`, state files under `<dataDir>/`. Every
 * write is a temp file (written, fsynced) renamed over the old one, then the directory is fsynced:
 * a crash leaves the old or the new content, never a torn one, and an acknowledged event survives
 * a power cut. The I/O is asynchronous (libuv's thread pool), so concurrent enqueues share the
 * disk's journal commits and never block the Manager's event loop (docs/schedules.md, "Throughput").
 */
export class DirectoryEventStore implements EventStore {
  private readonly eventsDir: string;
  private readonly serial = new KeyedSerializer();
  private readonly directorySyncs = new Map<string, CoalescedTask>();
  private temporaries = 0;

  constructor(private readonly dataDir: string) {
    this.eventsDir = join(dataDir, 'async-events');
    mkdirSync(this.eventsDir, { recursive: true, mode: 0o700 });
  }

  loadEvents(): AsyncEvent[] {
    const events: AsyncEvent[] = [];
    for (const name of readdirSync(this.eventsDir)) {
      // a write cut short by a crash: never renamed, so never acknowledged
      if (name.includes('.json.tmp-')) rmSync(join(this.eventsDir, name), { force: true });
      if (!name.endsWith('.json')) continue;
      try {
        events.push(JSON.parse(readFileSync(join(this.eventsDir, name), 'utf8')) as AsyncEvent);
      } catch {
        // a torn temp file is never renamed to .json; an unreadable one is skipped
      }
    }
    return events.sort((a, b) => a.enqueuedAt - b.enqueuedAt);
  }

  private eventFile(id: string): string {
    if (!SAFE_ID.test(id)) throw new Error(`invalid event id '${id}'`);
    return join(this.eventsDir, `${id}.json`);
  }

  saveEvent(event: AsyncEvent): Promise<void> {
    const file = this.eventFile(event.id);
    return this.serial.run(file, () => this.writeAtomically(file, JSON.stringify(event)));
  }

  removeEvent(id: string): Promise<void> {
    // not fsynced: an event that reappears after a power cut is delivered again (at least once)
    const file = this.eventFile(id);
    return this.serial.run(file, () => rm(file, { force: true }));
  }

  loadState(name: string): unknown {
    try {
      return JSON.parse(readFileSync(join(this.dataDir, `${name}.json`), 'utf8')) as unknown;
    } catch {
      return undefined;
    }
  }

  saveState(name: string, value: unknown): Promise<void> {
    const file = join(this.dataDir, `${name}.json`);
    return this.serial.run(file, () => this.writeAtomically(file, JSON.stringify(value)));
  }

  /** Writes `text` to `file` so that a crash leaves the old or the new content, never a torn one. */
  private async writeAtomically(file: string, text: string): Promise<void> {
    const temporary = `${file}.tmp-${process.pid}-${++this.temporaries}`;
    const handle = await open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(text);
      await handle.datasync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
    await this.syncDirectory(file.slice(0, file.lastIndexOf('/')));
  }

  private syncDirectory(directory: string): Promise<void> {
    let task = this.directorySyncs.get(directory);
    if (!task) {
      task = new CoalescedTask(async () => {
        const handle = await open(directory, 'r');
        try {
          await handle.sync();
        } finally {
          await handle.close();
        }
      });
      this.directorySyncs.set(directory, task);
    }
    return task.run();
  }
}

/** In memory: for tests and for a Manager without a data directory. */
export class MemoryEventStore implements EventStore {
  readonly events = new Map<string, AsyncEvent>();
  readonly state = new Map<string, unknown>();

  loadEvents(): AsyncEvent[] {
    return [...this.events.values()].map((event) => ({ ...event }));
  }
  saveEvent(event: AsyncEvent): Promise<void> {
    this.events.set(event.id, { ...event });
    return Promise.resolve();
  }
  removeEvent(id: string): Promise<void> {
    this.events.delete(id);
    return Promise.resolve();
  }
  loadState(name: string): unknown {
    return this.state.get(name);
  }
  saveState(name: string, value: unknown): Promise<void> {
    this.state.set(name, JSON.parse(JSON.stringify(value)));
    return Promise.resolve();
  }
}
