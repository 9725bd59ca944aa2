import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { CONTAINER_LOG_SOURCE, ContainerLogSource, LogContainer } from '../runtime/container-logs';
import { LOG_SHIPPING_SETTINGS, LOG_SINK, LogShippingSettings, LogSink } from './ports';
import { RecordSender, followSince, toShippedRecord } from '@app/platform';

/** Containers that started this shortly before the shipper are read from their start. */
const START_GRACE_MS = 60_000;

/**
 * Follows the logs of every container that should be shipped (found by labels, re-listed
 * periodically), turns each line into a record and sends the records to the sink in batches.
 * A stopped container's stream ends; if it runs again it is followed again from its new start.
 */
@Injectable()
export class LogShipper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LogShipper.name);
  private readonly followed = new Map<string, AbortController>();
  private readonly sender: RecordSender;
  private readonly startedAt = new Date();
  private timers: NodeJS.Timeout[] = [];

  constructor(
    @Inject(CONTAINER_LOG_SOURCE) private readonly source: ContainerLogSource,
    @Inject(LOG_SINK) sink: LogSink,
    @Inject(LOG_SHIPPING_SETTINGS) private readonly settings: LogShippingSettings,
  ) {
    this.sender = new RecordSender(sink, settings, this.logger);
  }

  onApplicationBootstrap(): void {
    const every = (ms: number, task: () => Promise<void>) => {
      const timer = setInterval(() => void task(), ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(this.settings.discoveryIntervalMs, () => this.discover());
    every(this.settings.flushIntervalMs, () => this.flush());
    void this.discover();
  }

  async onApplicationShutdown(): Promise<void> {
    this.timers.forEach(clearInterval);
    this.timers = [];
    for (const controller of this.followed.values()) controller.abort();
    await this.flush();
  }

  /** Starts following every listed container not followed yet. */
  async discover(): Promise<void> {
    let containers: LogContainer[];
    try {
      containers = await this.source.listRunning();
    } catch (error) {
      this.logger.debug(`cannot list containers for log shipping: ${String(error)}`);
      return;
    }
    for (const container of containers) {
      if (!this.followed.has(container.id)) this.follow(container);
    }
  }

  /** Sends everything buffered, batch by batch; a failed batch stays for the next flush. */
  flush(): Promise<void> {
    return this.sender.flush();
  }

  /** Ids of the containers being followed (for health and tests). */
  get followedIds(): string[] {
    return [...this.followed.keys()];
  }

  private follow(container: LogContainer): void {
    const controller = new AbortController();
    this.followed.set(container.id, controller);
    const sinceFor = (startedAt: Date) => followSince(startedAt, this.startedAt, START_GRACE_MS);
    const onLine = (line: string) => this.sender.add(toShippedRecord(line, container, new Date()));
    this.source
      .follow(container.id, sinceFor, onLine, controller.signal)
      .catch((error: unknown) => {
        if (!controller.signal.aborted) {
          this.logger.debug(`log stream of ${container.containerName} ended: ${String(error)}`);
        }
      })
      .finally(() => this.followed.delete(container.id));
  }
}
