import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EnsureRequestDto, EnsureResponseDto, HeartbeatRequestDto } from '@app/contracts';
import { MANAGER_TOKEN_HEADER } from '@app/contracts';

export interface FakeFunction {
  /** Containers running now. */
  running: string[];
  /** Containers a cold start or scale-up may start, in order. */
  spare?: string[];
  maxContainers?: number;
  timeoutSeconds?: number;
  /** Answer every ensure with this status instead. */
  failWith?: number;
}

/** A real HTTP server implementing the Manager API the Gateway uses, recording every call. */
export class FakeManager {
  readonly ensureCalls: EnsureRequestDto[] = [];
  readonly ensureRequestIds: string[] = [];
  readonly heartbeats: HeartbeatRequestDto[] = [];
  /** Calls of `GET /functions`. */
  listCalls = 0;
  /** Never answer `GET /health/ready` (a Manager that accepts connections and hangs). */
  hangReadiness = false;
  readonly functions = new Map<string, FakeFunction>();
  /** The async queue: queued events, and the results Gateways reported. */
  readonly asyncEvents: Array<{ id: string; function: string; payload: string; leased: boolean }> =
    [];
  readonly asyncResults: Array<{ id: string; kind: string; payload?: string }> = [];
  /** Answer enqueues with this status instead (e.g. 429 for a full queue). */
  enqueueStatus?: number;
  ready = true;
  url = '';
  private server?: Server;

  constructor(readonly token: string) {}

  define(name: string, definition: FakeFunction): this {
    this.functions.set(name, definition);
    return this;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => void this.serve(request, response));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private async serve(request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
    const send = (status: number, payload: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(payload));
    };
    if (request.headers[MANAGER_TOKEN_HEADER] !== this.token) return send(401, { message: 'no' });
    if (request.url === '/health/ready') {
      if (this.hangReadiness) return;
      return send(this.ready ? 200 : 503, {});
    }
    if (request.url === '/functions' && request.method === 'GET') {
      this.listCalls += 1;
      return send(200, { functions: [...this.functions.keys()] });
    }
    if (request.url === '/heartbeat') {
      this.heartbeats.push(body as HeartbeatRequestDto);
      return send(200, { accepted: 0 });
    }
    if (request.url === '/functions/ensure') {
      this.ensureCalls.push(body as EnsureRequestDto);
      this.ensureRequestIds.push(String(request.headers['x-request-id']));
      const [status, answer] = this.ensure(body as EnsureRequestDto);
      return send(status, answer);
    }
    const asyncAnswer = await this.serveAsync(request.url ?? '', body as Record<string, unknown>);
    if (asyncAnswer) return send(...asyncAnswer);
    send(404, { message: 'Not Found' });
  }

  private async serveAsync(
    url: string,
    body: Record<string, unknown>,
  ): Promise<[number, object] | undefined> {
    const enqueue = /^\/async\/functions\/([^/]+)\/events$/.exec(url);
    if (enqueue) {
      if (!this.functions.has(enqueue[1])) return [404, { message: 'unknown function' }];
      if (this.enqueueStatus) return [this.enqueueStatus, { message: 'full' }];
      const id = String(body.requestId);
      this.asyncEvents.push({
        id,
        function: enqueue[1],
        payload: String(body.payload),
        leased: false,
      });
      return [202, { id }];
    }
    if (url === '/async/lease') {
      const deadline = Date.now() + Math.min(Number(body.waitMs), 200);
      for (;;) {
        const due = this.asyncEvents.find((event) => !event.leased);
        if (due) {
          due.leased = true;
          return [
            200,
            { events: [{ id: due.id, function: due.function, payload: due.payload, attempt: 1 }] },
          ];
        }
        if (Date.now() >= deadline) return [200, { events: [] }];
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    const result = /^\/async\/events\/([^/]+)\/result$/.exec(url);
    if (result) {
      this.asyncResults.push({ id: decodeURIComponent(result[1]), ...(body as { kind: string }) });
      return [200, { accepted: true }];
    }
    return undefined;
  }

  private ensure(request: EnsureRequestDto): [number, EnsureResponseDto | object] {
    const definition = this.functions.get(request.function);
    if (!definition) return [404, { message: `unknown function ${request.function}` }];
    if (definition.failWith) return [definition.failWith, { message: 'failure' }];
    const max = definition.maxContainers ?? 1;
    const cold = definition.running.length === 0;
    const wanted = cold ? 1 : request.reason === 'scale' ? (request.count ?? 1) : 0;
    let started = 0;
    while (started < wanted && definition.running.length < max && definition.spare?.length) {
      definition.running.push(definition.spare.shift() as string);
      started += 1;
    }
    return [
      200,
      {
        function: request.function,
        containers: definition.running.map((url, index) => ({
          id: `id-${index}`,
          name: `lambda-${request.function}-${index + 1}`,
          url,
        })),
        started,
        maxContainers: max,
        timeoutSeconds: definition.timeoutSeconds ?? 3,
      },
    ];
  }
}
