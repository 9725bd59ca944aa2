import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
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

/** Writes `text` to `file` so that a crash leaves the old or the new content, never a torn one. */
function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.tmp-${process.pid}`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}

/** One JSON file per event under `<dataDir>/async-events/`, state files under `<dataDir>/`. */
export class DirectoryEventStore implements EventStore {
  private readonly eventsDir: string;

  constructor(private readonly dataDir: string) {
    this.eventsDir = join(dataDir, 'async-events');
    mkdirSync(this.eventsDir, { recursive: true, mode: 0o700 });
  }

  loadEvents(): AsyncEvent[] {
    const events: AsyncEvent[] = [];
    for (const name of readdirSync(this.eventsDir)) {
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
    writeAtomically(this.eventFile(event.id), JSON.stringify(event));
    return Promise.resolve();
  }

  removeEvent(id: string): Promise<void> {
    rmSync(this.eventFile(id), { force: true });
    return Promise.resolve();
  }

  loadState(name: string): unknown {
    try {
      return JSON.parse(readFileSync(join(this.dataDir, `${name}.json`), 'utf8')) as unknown;
    } catch {
      return undefined;
    }
  }

  saveState(name: string, value: unknown): Promise<void> {
    writeAtomically(join(this.dataDir, `${name}.json`), JSON.stringify(value));
    return Promise.resolve();
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
