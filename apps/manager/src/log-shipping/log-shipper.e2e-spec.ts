import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Test, TestingModule } from '@nestjs/testing';
import { plainToInstance } from 'class-transformer';
import { LogShippingEnv } from './log-shipping-env';
import { LogShipper } from './log-shipper';
import { LogShippingModule } from './log-shipping.module';
import { CONTAINER_LOG_SOURCE, ContainerLogSource, LogContainer } from '../runtime/container-logs';

/** A log source whose containers and lines the test controls. */
class FakeLogSource implements ContainerLogSource {
  containers: LogContainer[] = [];
  readonly streams = new Map<string, { onLine: (line: string) => void; end: () => void }>();
  readonly sinces: Date[] = [];

  async listRunning(): Promise<LogContainer[]> {
    return this.containers;
  }

  follow(
    id: string,
    sinceFor: (startedAt: Date) => Date,
    onLine: (line: string) => void,
    signal: AbortSignal,
  ): Promise<void> {
    this.sinces.push(sinceFor(new Date('2000-01-01T00:00:00Z')));
    return new Promise<void>((resolve) => {
      this.streams.set(id, { onLine, end: resolve });
      signal.addEventListener('abort', () => resolve(), { once: true });
    }).finally(() => this.streams.delete(id));
  }

  emit(id: string, ...lines: string[]): void {
    const stream = this.streams.get(id);
    if (!stream) throw new Error(`${id} is not followed`);
    lines.forEach(stream.onLine);
  }
}

/** A real HTTP JSON-lines receiver; `failing` makes it answer 503. */
class Receiver {
  readonly records: Array<Record<string, unknown>> = [];
  readonly urls: string[] = [];
  failing = false;
  private readonly server: Server = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      this.urls.push(request.url ?? '');
      if (this.failing) {
        response.statusCode = 503;
        return response.end();
      }
      const lines = Buffer.concat(chunks).toString('utf8').split('\n').filter(Boolean);
      this.records.push(...lines.map((line) => JSON.parse(line) as Record<string, unknown>));
      response.end();
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const HOST = { MANAGER_INSTANCE: 'pkgtest', DOCKER_SOCKET: '/nonexistent.sock' };
const LAMBDA: LogContainer = {
  id: 'c1',
  containerName: 'lambda-hello-1',
  service: 'lambda',
  functionName: 'hello',
};
const GATEWAY: LogContainer = { id: 'c2', containerName: 'gateway-1', service: 'gateway' };

function envFor(url?: string): LogShippingEnv {
  return plainToInstance(LogShippingEnv, {
    VICTORIALOGS_URL: url,
    LOG_SHIPPING_DISCOVERY_SECONDS: 3600,
    LOG_SHIPPING_FLUSH_SECONDS: 3600,
    LOG_SHIPPING_BATCH_SIZE: 2,
    LOG_SHIPPING_BUFFER_RECORDS: 100,
  });
}

describe('LogShipper (in process, real HTTP sink)', () => {
  const receiver = new Receiver();
  let source: FakeLogSource;
  let app: TestingModule;
  let shipper: LogShipper;

  beforeAll(async () => {
    const url = await receiver.start();
    source = new FakeLogSource();
    source.containers = [LAMBDA, GATEWAY];
    app = await Test.createTestingModule({
      imports: [LogShippingModule.withEnv(HOST, envFor(url))],
    })
      .overrideProvider(CONTAINER_LOG_SOURCE)
      .useValue(source)
      .compile();
    await app.init();
    shipper = app.get(LogShipper);
    await shipper.discover();
  });

  afterAll(async () => {
    await app?.close();
    await receiver.stop();
  });

  beforeEach(() => {
    receiver.records.length = 0;
    receiver.failing = false;
  });

  it('follows every listed container once', async () => {
    await shipper.discover();
    expect(shipper.followedIds.sort()).toEqual(['c1', 'c2']);
    expect(source.sinces).toHaveLength(2);
  });

  it('ships JSON lines with their origin, request id and level to /insert/jsonline', async () => {
    source.emit(
      'c1',
      '2026-11-28T10:00:00Z {"timestamp":"2026-11-28T10:00:00.100Z","level":"ERROR","requestId":"req-9","message":"handler failed"}',
    );
    source.emit(
      'c2',
      '{"level":"info","time":"2026-11-28T10:00:00.000Z","request_id":"req-9","message":"routed"}',
    );
    await shipper.flush();
    expect(receiver.urls.at(-1)).toContain('/insert/jsonline?');
    expect(receiver.records).toEqual([
      expect.objectContaining({
        _msg: 'handler failed',
        level: 'error',
        request_id: 'req-9',
        function: 'hello',
        container_name: 'lambda-hello-1',
        service: 'lambda',
      }),
      expect.objectContaining({
        _msg: 'routed',
        level: 'info',
        request_id: 'req-9',
        service: 'gateway',
      }),
    ]);
  });

  it('keeps records while the sink fails and delivers them in order once it answers', async () => {
    receiver.failing = true;
    source.emit('c1', 'first', 'second', 'third');
    await shipper.flush();
    expect(receiver.records).toEqual([]);
    receiver.failing = false;
    await shipper.flush();
    expect(receiver.records.map((record) => record._msg)).toEqual(['first', 'second', 'third']);
  });

  it('follows a container again after its stream ended (stopped and started again)', async () => {
    source.streams.get('c1')?.end();
    await new Promise(setImmediate);
    expect(shipper.followedIds).toEqual(['c2']);
    await shipper.discover();
    expect(shipper.followedIds.sort()).toEqual(['c1', 'c2']);
    source.emit('c1', 'after restart');
    await shipper.flush();
    expect(receiver.records.map((record) => record._msg)).toEqual(['after restart']);
  });

  it('on shutdown stops following and sends what is buffered', async () => {
    source.emit('c2', 'last words');
    await app.close();
    expect(shipper.followedIds).toEqual([]);
    expect(receiver.records.map((record) => record._msg)).toEqual(['last words']);
  });
});

describe('LogShippingModule without VICTORIALOGS_URL', () => {
  it('provides no shipper: logs stay on stdout', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [LogShippingModule.withEnv(HOST, envFor(undefined))],
    }).compile();
    expect(() => moduleRef.get(LogShipper)).toThrow();
    await moduleRef.close();
  });
});
