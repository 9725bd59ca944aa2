import { createServer, IncomingHttpHeaders, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { INVOKE_PATH } from '@app/contracts';

export interface FakeAnswer {
  status?: number;
  headers?: Record<string, string>;
  /** Sent as JSON unless it is a Buffer. */
  result: unknown;
}

export type FakeHandler = (
  event: Record<string, unknown>,
  headers: IncomingHttpHeaders,
) => FakeAnswer | Promise<FakeAnswer>;

/** A real HTTP server speaking the RIE invoke contract, recording what it received. */
export class FakeContainer {
  readonly events: Array<Record<string, unknown>> = [];
  readonly requestIds: string[] = [];
  private server?: Server;
  url = '';

  constructor(private readonly handler: FakeHandler) {}

  static answering(result: unknown): FakeContainer {
    return new FakeContainer(() => ({ result }));
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      void this.serve(request).then(({ status, headers, body }) => {
        response.writeHead(status, { 'content-type': 'application/json', ...headers });
        response.end(body);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private async serve(request: IncomingMessage) {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (request.method !== 'POST' || request.url !== INVOKE_PATH) {
      return { status: 404, headers: {}, body: '{}' };
    }
    const event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    this.events.push(event);
    this.requestIds.push(String(request.headers['x-request-id']));
    const answer = await this.handler(event, request.headers);
    const body = Buffer.isBuffer(answer.result) ? answer.result : JSON.stringify(answer.result);
    return { status: answer.status ?? 200, headers: answer.headers ?? {}, body };
  }
}

/** A promise the test resolves when it wants a held function call to finish. */
export class Latch {
  readonly opened: Promise<void>;
  open!: () => void;

  constructor() {
    this.opened = new Promise((resolve) => (this.open = resolve));
  }
}

/** Polls until `condition` holds (for state changes in other servers; never asserts on time). */
export async function until(condition: () => boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt += 1) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`gave up waiting for ${what}`);
}
