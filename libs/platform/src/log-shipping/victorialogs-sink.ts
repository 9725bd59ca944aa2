import type { ShippedRecord } from './shipped-record';

/** Where records go (VictoriaLogs' JSON-lines ingestion API). Throws when the batch was not taken. */
export interface LogSink {
  write(records: readonly ShippedRecord[]): Promise<void>;
}

/**
 * VictoriaLogs' JSON-lines ingestion URL under `base` (a path prefix is kept). Stream fields are the
 * low-cardinality origin of a line; `_msg`/`_time` are set by the shipper.
 */
export function jsonLinesUrl(base: string): URL {
  const url = new URL('insert/jsonline', base.endsWith('/') ? base : `${base}/`);
  url.searchParams.set('_stream_fields', 'service,container_name');
  url.searchParams.set('_msg_field', '_msg');
  url.searchParams.set('_time_field', '_time');
  return url;
}

/** Posts batches to VictoriaLogs `/insert/jsonline` (one JSON object per line). */
export class VictoriaLogsSink implements LogSink {
  private readonly url: URL;

  constructor(
    baseUrl: string,
    private readonly timeoutMs = 10_000,
  ) {
    this.url = jsonLinesUrl(baseUrl);
  }

  async write(records: readonly ShippedRecord[]): Promise<void> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/stream+json' },
      body: records.map((record) => `${JSON.stringify(record)}\n`).join(''),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`VictoriaLogs answered HTTP ${response.status}`);
  }
}
