import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Test, TestingModule } from '@nestjs/testing';
import { plainToInstance } from 'class-transformer';
import { INSTANCE_LABEL, LABELS, SHIP_LOGS_LABEL } from '@app/contracts';
import { LogShippingEnv } from '../../apps/manager/src/log-shipping/log-shipping-env';
import { LogShipper } from '../../apps/manager/src/log-shipping/log-shipper';
import { LogShippingModule } from '../../apps/manager/src/log-shipping/log-shipping.module';
import { testDocker } from '../support/docker';

const INSTANCE = `pkgtest-logs-${process.pid}`;
const BASE_IMAGE = process.env.BASE_IMAGE ?? 'onpre-lambda/base-node:20';

/** A JSON-lines receiver on 127.0.0.1, standing in for VictoriaLogs' /insert/jsonline. */
function startReceiver(records: Array<Record<string, unknown>>): Promise<Server> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      for (const line of Buffer.concat(chunks).toString('utf8').split('\n').filter(Boolean)) {
        records.push(JSON.parse(line) as Record<string, unknown>);
      }
      response.end();
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** A container printing the given lines on stdout (and one on stderr), then staying up. */
const script = (lines: string[]) =>
  `${lines.map((line) => `console.log(${JSON.stringify(line)});`).join('')}` +
  `console.error('to stderr');setInterval(() => {}, 1000);`;

async function eventually(check: () => boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`never happened: ${what}`);
}

describe('log shipping from real containers (Docker API → JSON-lines receiver)', () => {
  const docker = testDocker();
  const records: Array<Record<string, unknown>> = [];
  const containers: string[] = [];
  let server: Server;
  let moduleRef: TestingModule;

  const run = async (
    name: string,
    labels: Record<string, string>,
    lines: string[],
    tty = false,
  ) => {
    const container = await docker.createContainer({
      name,
      Image: BASE_IMAGE,
      Cmd: ['node', '-e', script(lines)],
      Labels: labels,
      Tty: tty,
    });
    containers.push(container.id);
    await container.start();
    return container;
  };

  beforeAll(async () => {
    server = await startReceiver(records);
    const env = plainToInstance(LogShippingEnv, {
      VICTORIALOGS_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      LOG_SHIPPING_DISCOVERY_SECONDS: 0.2,
      LOG_SHIPPING_FLUSH_SECONDS: 0.2,
    });
    moduleRef = await Test.createTestingModule({
      imports: [
        LogShippingModule.withEnv(
          { MANAGER_INSTANCE: INSTANCE, DOCKER_SOCKET: '/var/run/docker.sock' },
          env,
        ),
      ],
    }).compile();
    await moduleRef.init();
  });

  afterAll(async () => {
    await moduleRef?.close();
    await Promise.all(
      containers.map((id) =>
        docker
          .getContainer(id)
          .remove({ force: true })
          .catch(() => undefined),
      ),
    );
    await new Promise((resolve) => server?.close(resolve));
  });

  it('ships lambda and app container lines with origin, request id and level; ignores others', async () => {
    await run(
      `pkgtest-lambda-${process.pid}`,
      {
        [LABELS.managed]: 'true',
        [LABELS.function]: 'hello',
        [INSTANCE_LABEL]: INSTANCE,
      },
      [
        JSON.stringify({
          timestamp: new Date().toISOString(),
          level: 'ERROR',
          requestId: 'req-42',
          message: 'from lambda',
        }),
      ],
    );
    await run(
      `pkgtest-gateway-${process.pid}`,
      { [SHIP_LOGS_LABEL]: INSTANCE },
      [
        JSON.stringify({
          level: 'info',
          service: 'gateway',
          request_id: 'req-42',
          message: 'from gateway',
        }),
      ],
      true,
    );
    await run(`pkgtest-unrelated-${process.pid}`, { [SHIP_LOGS_LABEL]: 'another-instance' }, [
      'must not be shipped',
    ]);

    await eventually(
      () => records.filter((record) => record.request_id === 'req-42').length >= 2,
      'both req-42 lines at the receiver',
    );
    expect(records).toContainEqual(
      expect.objectContaining({
        _msg: 'from lambda',
        level: 'error',
        request_id: 'req-42',
        function: 'hello',
        service: 'lambda',
        container_name: `pkgtest-lambda-${process.pid}`,
      }),
    );
    expect(records).toContainEqual(
      expect.objectContaining({
        _msg: 'from gateway',
        service: 'gateway',
        container_name: `pkgtest-gateway-${process.pid}`,
      }),
    );
    await eventually(
      () => records.filter((record) => record._msg === 'to stderr').length >= 2,
      'stderr lines of both containers',
    );
    expect(records.some((record) => record._msg === 'must not be shipped')).toBe(false);
    expect(moduleRef.get(LogShipper).followedIds).toHaveLength(2);
  });
});
