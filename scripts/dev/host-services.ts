import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { AddressInfo, createServer, Server, Socket } from 'node:net';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { HostServices } from './app-environments';
import { CleanupStack } from './cleanup-stack';
import { DevSetupError } from './files';
import { DevSettings } from './settings';

// s3rver and dynalite ship no type declarations; the shapes used here are declared below.
const load = createRequire(__filename);

/** Something listening that `npm start` must close on the way out. */
export interface RunningService {
  name: string;
  port: number;
  close(): Promise<void>;
}

interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}

interface S3rverModule {
  new (options: Record<string, unknown>): S3rverInstance;
}

/**
 * s3rver on `host:port`, data under `<dataDir>/s3`, accepting the credentials the Manager gives
 * functions (s3rver checks SigV4 signatures against its known key pairs).
 */
export async function startS3(
  host: string,
  port: number,
  dataDir: string,
  credentials: { accessKeyId: string; secretAccessKey: string },
): Promise<RunningService> {
  const S3rver = load('s3rver') as S3rverModule;
  const { DUMMY_ACCOUNT } = load('s3rver/lib/models/account') as {
    DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void };
  };
  DUMMY_ACCOUNT.createKeyPair(credentials.accessKeyId, credentials.secretAccessKey);
  const directory = join(dataDir, 's3');
  mkdirSync(directory, { recursive: true });
  const server = new S3rver({ address: host, port, directory, silent: true, resetOnClose: false });
  const address = await server.run();
  return { name: 's3', port: address.port, close: () => server.close() };
}

interface DynaliteServer extends Server {
  close(callback?: (error?: Error) => void): this;
}

/** dynalite (DynamoDB on LevelDB) on `host:port`, data under `<dataDir>/dynamodb`. */
export async function startDynamoDb(
  host: string,
  port: number,
  dataDir: string,
): Promise<RunningService> {
  const dynalite = load('dynalite') as (options: Record<string, unknown>) => DynaliteServer;
  const directory = join(dataDir, 'dynamodb');
  mkdirSync(directory, { recursive: true });
  const server = dynalite({ path: directory, createTableMs: 0, deleteTableMs: 0 });
  await listen(server, host, port);
  return { name: 'dynamodb', port: listeningPort(server), close: () => closeServer(server) };
}

/**
 * Plain-HTTP door to the Gateway for function containers (Lambda Invoke API, CloudWatch Logs): bytes
 * are piped unchanged to the Gateway on loopback, over TLS when it serves HTTPS. Functions' SDKs then
 * need no trust in the self-signed certificate, and the Gateway itself stays on 127.0.0.1.
 */
export async function startGatewayRelay(
  host: string,
  port: number,
  gatewayPort: number,
  gatewayTls: boolean,
): Promise<RunningService> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = gatewayTls
      ? // Loopback hop to the Gateway process this run started: nothing to authenticate.
        tlsConnect({ host: '127.0.0.1', port: gatewayPort, rejectUnauthorized: false })
      : new Socket().connect(gatewayPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await listen(server, host, port);
  return {
    name: 'gateway relay',
    port: listeningPort(server),
    close: () => {
      for (const socket of sockets) socket.destroy();
      return closeServer(server);
    },
  };
}

async function listenOrExplain<T>(what: string, variable: string, start: () => Promise<T>) {
  try {
    return await start();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    throw new DevSetupError(`${what}: the port is in use; choose another with ${variable}`);
  }
}

/**
 * The embedded S3 and DynamoDB and the Gateway relay on the Lambda network's gateway address, each
 * unless the user named their own endpoint; closing each is pushed onto `cleanups`.
 */
export async function startHostServices(
  settings: DevSettings,
  hostIp: string,
  cleanups: CleanupStack,
): Promise<HostServices> {
  const host: HostServices = { hostIp };
  const track = (service: RunningService) => {
    cleanups.push(`closing ${service.name}`, () => service.close());
    return service.port;
  };
  if (!settings.external.s3)
    host.s3Port = track(
      await listenOrExplain('embedded S3', 'ONPRE_S3_PORT', () =>
        startS3(hostIp, settings.s3Port, settings.dataDir, settings.functionKeys),
      ),
    );
  if (!settings.external.dynamodb)
    host.dynamodbPort = track(
      await listenOrExplain('embedded DynamoDB', 'ONPRE_DYNAMODB_PORT', () =>
        startDynamoDb(hostIp, settings.dynamodbPort, settings.dataDir),
      ),
    );
  if (!settings.external.lambda || !settings.external.logs)
    host.relayPort = track(
      await listenOrExplain('Gateway relay', 'ONPRE_LAMBDA_RELAY_PORT', () =>
        startGatewayRelay(hostIp, settings.relayPort, settings.gatewayPort, settings.gatewayTls),
      ),
    );
  return host;
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function listeningPort(server: Server): number {
  return (server.address() as AddressInfo).port;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
