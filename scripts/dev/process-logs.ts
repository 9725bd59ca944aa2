import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { RecordSender, toShippedRecord, LogSink, VictoriaLogsSink } from '@app/platform';

const SENDER_SETTINGS = { batchSize: 500, maxBufferedRecords: 10_000 };

/**
 * In Compose the Gateway and the Manager are containers, and the Manager ships their output to
 * VictoriaLogs with the functions'. Here they are `npm start`'s child processes, so with
 * `VICTORIALOGS_URL` set it ships their lines itself, in the same record shape (CloudWatch Logs
 * events the Gateway writes keep the function container that sent them), and still prints them.
 */
export class ProcessLogShipper {
  private readonly sender: RecordSender;
  private readonly timer: NodeJS.Timeout;

  constructor(sink: LogSink, flushIntervalMs = 1000) {
    const report = {
      log: (m: string) => console.log(`dev: ${m}`),
      warn: (m: string) => console.warn(`dev: ${m}`),
    };
    this.sender = new RecordSender(sink, SENDER_SETTINGS, report);
    this.timer = setInterval(() => void this.sender.flush(), flushIntervalMs);
    this.timer.unref();
  }

  static forUrl(url: string | undefined): ProcessLogShipper | undefined {
    return url ? new ProcessLogShipper(new VictoriaLogsSink(url)) : undefined;
  }

  /** Prints the child's output as before and ships each line as from `dev-<service>`. */
  follow(service: string, child: ChildProcess): void {
    const origin = { service, containerName: `dev-${service}` };
    const outputs = [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ] as const;
    for (const [output, terminal] of outputs) {
      if (!output) continue;
      output.pipe(terminal, { end: false });
      createInterface({ input: output, crlfDelay: Infinity }).on('line', (line) => {
        if (line.trim() !== '') this.sender.add(toShippedRecord(line, origin, new Date()));
      });
    }
  }

  /** Sends what is left (after the processes stopped). */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.sender.flush();
  }
}
