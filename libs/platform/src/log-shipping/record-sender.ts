import { RecordBuffer } from './record-buffer';
import type { ShippedRecord } from './shipped-record';
import type { LogSink } from './victorialogs-sink';

export interface SenderSettings {
  /** Most records per request. */
  batchSize: number;
  /** Records kept while the sink is unreachable; the oldest are dropped beyond this. */
  maxBufferedRecords: number;
}

/** Where the sender reports sink trouble (a Nest logger, the console). */
export interface SenderReport {
  log(message: string): void;
  warn(message: string): void;
}

/**
 * Buffers records and sends them to the sink in batches: a full batch is sent at once, the rest on
 * `flush`. A failed batch goes back to the front for the next flush; while the sink is unreachable
 * records are buffered up to the limit and the oldest dropped (counted). Sink trouble is reported
 * once per change, so an unreachable sink does not flood the log it cannot ship.
 */
export class RecordSender {
  private readonly buffer: RecordBuffer<ShippedRecord>;
  private sinkHealthy = true;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly sink: LogSink,
    private readonly settings: SenderSettings,
    private readonly report: SenderReport,
  ) {
    this.buffer = new RecordBuffer(settings.maxBufferedRecords);
  }

  add(record: ShippedRecord): void {
    this.buffer.add(record);
    if (this.buffer.size >= this.settings.batchSize) void this.flush();
  }

  /** Sends everything buffered, batch by batch, after any flush already running. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.sendBuffered());
    return this.flushing;
  }

  private async sendBuffered(): Promise<void> {
    for (let batch = this.buffer.take(this.settings.batchSize); batch.length > 0;) {
      try {
        await this.sink.write(batch);
      } catch (error) {
        this.buffer.putBack(batch);
        this.reportSink(false, error);
        return;
      }
      this.reportSink(true);
      batch = this.buffer.take(this.settings.batchSize);
    }
    const dropped = this.buffer.takeDropped();
    if (dropped > 0) this.report.warn(`log shipping dropped ${dropped} records (sink unreachable)`);
  }

  private reportSink(healthy: boolean, error?: unknown): void {
    if (healthy === this.sinkHealthy) return;
    this.sinkHealthy = healthy;
    if (healthy) this.report.log('log sink reachable again');
    else this.report.warn(`log sink unreachable, buffering: ${String(error)}`);
  }
}
