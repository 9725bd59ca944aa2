import { createServer, Server } from 'node:http';

/** A stand-in for VictoriaLogs' `POST /insert/jsonline` on 127.0.0.1: keeps every record posted. */
export class JsonLinesSink {
  readonly records: Array<Record<string, unknown>> = [];
  private server?: Server;
  private port = 0;

  async open(): Promise<void> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        for (const line of Buffer.concat(chunks).toString('utf8').split('\n'))
          if (line.trim()) this.records.push(JSON.parse(line) as Record<string, unknown>);
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.port = (server.address() as { port: number }).port;
  }

  /** What the Manager's `VICTORIALOGS_URL` should be. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    server?.closeAllConnections();
    return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}
