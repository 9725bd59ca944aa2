import { Inject, Injectable, Optional } from '@nestjs/common';
import { CloudWatchLogsError } from './cloudwatch-logs-error';

/** Region shown in log group ARNs. */
export const LOG_ARN_REGION = Symbol('LogArnRegion');

/** Optional bounds of the registry (defaults: DEFAULT_REGISTRY_LIMITS). */
export const LOG_REGISTRY_LIMITS = Symbol('LogRegistryLimits');

/** Placeholder account in ARNs (there is one tenant). */
const ACCOUNT_ID = '000000000000';

export interface LogGroupDescription {
  logGroupName: string;
  creationTime: number;
  arn: string;
  storedBytes: number;
}

export interface LogStreamDescription {
  logStreamName: string;
  creationTime: number;
  arn: string;
  storedBytes: number;
  firstEventTimestamp?: number;
  lastEventTimestamp?: number;
  lastIngestionTime?: number;
}

export interface LogEvent {
  timestamp: number;
  message: string;
}

interface Group {
  description: LogGroupDescription;
  streams: Map<string, LogStreamDescription>;
}

/** How many groups and streams the registry keeps; beyond, the least recently used go first. */
export interface RegistryLimits {
  maxGroups: number;
  maxStreams: number;
}
export const DEFAULT_REGISTRY_LIMITS: RegistryLimits = { maxGroups: 1_000, maxStreams: 10_000 };

/**
 * Log groups and streams known to this Gateway, for the Describe calls and AWS's "already exists"
 * answers. Events themselves go to the log pipeline, not here. Putting events into a group or
 * stream that does not exist creates it: the registry lives in memory and a Gateway restart must
 * not break functions that created their group earlier. For the same reason it is bounded: past
 * `limits` the least recently used streams and groups are forgotten (their events are long in the
 * log pipeline; a later write re-creates them), so no caller can grow it without end.
 */
@Injectable()
export class LogRegistry {
  private readonly groups = new Map<string, Group>();
  /** Every stream as `group NUL stream`, least recently used first. */
  private readonly streamsByUse = new Map<string, { group: Group; name: string }>();

  private readonly limits: RegistryLimits;

  constructor(
    @Inject(LOG_ARN_REGION) private readonly region: string,
    @Optional() @Inject(LOG_REGISTRY_LIMITS) limits?: RegistryLimits,
  ) {
    this.limits = limits ?? DEFAULT_REGISTRY_LIMITS;
  }

  /** Groups and streams held (for tests and diagnostics). */
  size(): { groups: number; streams: number } {
    return { groups: this.groups.size, streams: this.streamsByUse.size };
  }

  createGroup(name: string, now: number): void {
    if (this.groups.has(name)) {
      throw new CloudWatchLogsError(
        'ResourceAlreadyExistsException',
        'The specified log group already exists',
      );
    }
    this.group(name, now);
  }

  createStream(groupName: string, streamName: string, now: number): void {
    const group = this.group(groupName, now);
    if (group.streams.has(streamName)) {
      throw new CloudWatchLogsError(
        'ResourceAlreadyExistsException',
        'The specified log stream already exists',
      );
    }
    this.stream(group, streamName, now);
  }

  recordEvents(groupName: string, streamName: string, events: readonly LogEvent[], now: number) {
    const group = this.group(groupName, now);
    const stream = this.stream(group, streamName, now);
    const timestamps = events.map((event) => event.timestamp);
    const bytes = events.reduce((sum, event) => sum + Buffer.byteLength(event.message) + 26, 0);
    stream.firstEventTimestamp = Math.min(stream.firstEventTimestamp ?? Infinity, ...timestamps);
    stream.lastEventTimestamp = Math.max(stream.lastEventTimestamp ?? -Infinity, ...timestamps);
    stream.lastIngestionTime = now;
    stream.storedBytes += bytes;
    group.description.storedBytes += bytes;
  }

  describeGroups(prefix = '', limit = 50): LogGroupDescription[] {
    return [...this.groups.keys()]
      .filter((name) => name.startsWith(prefix))
      .sort()
      .slice(0, limit)
      .map((name) => ({ ...this.groups.get(name)!.description }));
  }

  describeStreams(groupName: string, prefix = '', limit = 50): LogStreamDescription[] {
    const group = this.groups.get(groupName);
    if (!group) {
      throw new CloudWatchLogsError(
        'ResourceNotFoundException',
        'The specified log group does not exist.',
      );
    }
    return [...group.streams.keys()]
      .filter((name) => name.startsWith(prefix))
      .sort()
      .slice(0, limit)
      .map((name) => ({ ...group.streams.get(name)! }));
  }

  private group(name: string, now: number): Group {
    let group = this.groups.get(name);
    if (group) {
      this.groups.delete(name);
      this.groups.set(name, group);
    } else {
      const arn = `arn:aws:logs:${this.region}:${ACCOUNT_ID}:log-group:${name}:*`;
      group = {
        description: { logGroupName: name, creationTime: now, arn, storedBytes: 0 },
        streams: new Map(),
      };
      this.groups.set(name, group);
      this.evictGroups();
    }
    return group;
  }

  private evictGroups(): void {
    for (const [name, group] of this.groups) {
      if (this.groups.size <= this.limits.maxGroups) return;
      this.groups.delete(name);
      for (const stream of group.streams.keys()) this.streamsByUse.delete(`${name}\u0000${stream}`);
    }
  }

  private stream(group: Group, name: string, now: number): LogStreamDescription {
    const key = `${group.description.logGroupName}\u0000${name}`;
    let stream = group.streams.get(name);
    if (!stream) {
      const arn = `${group.description.arn.slice(0, -2)}:log-stream:${name}`;
      stream = { logStreamName: name, creationTime: now, arn, storedBytes: 0 };
      group.streams.set(name, stream);
    }
    this.streamsByUse.delete(key);
    this.streamsByUse.set(key, { group, name });
    for (const [oldest, entry] of this.streamsByUse) {
      if (this.streamsByUse.size <= this.limits.maxStreams) break;
      this.streamsByUse.delete(oldest);
      entry.group.streams.delete(entry.name);
    }
    return stream;
  }
}
