import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { FunctionRegistry } from '../../apps/manager/src/config/function-registry';
import { AwsDataServices } from '../../apps/manager/src/data-services/aws/aws-data-services';
import { DataProvisioner } from '../../apps/manager/src/data-services/data-provisioner';
import { RunningService, startDynamoDb, startS3 } from '../../scripts/dev/host-services';

const CREDENTIALS = { accessKeyId: 'provision-key', secretAccessKey: 'provision-secret-0123' };
const REGION = 'ap-northeast-1';

const FILE = [
  'functions:',
  '  fn: { image: fn:latest }',
  'tables:',
  '  orders:',
  '    keySchema: [{ attributeName: pk, keyType: HASH }, { attributeName: sk, keyType: RANGE }]',
  '    attributeDefinitions:',
  '      - { attributeName: pk, attributeType: S }',
  '      - { attributeName: sk, attributeType: S }',
  '      - { attributeName: status, attributeType: S }',
  '    globalSecondaryIndexes:',
  '      - indexName: byStatus',
  '        keySchema: [{ attributeName: status, keyType: HASH }]',
  '        projection: { projectionType: ALL }',
  'buckets: [uploads]',
].join('\n');

/** A free port on 127.0.0.1 (nothing listens on it when this resolves). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('Manager data provisioning against real DynamoDB (dynalite) and S3 (s3rver) servers', () => {
  let dataDir: string;
  const running: RunningService[] = [];
  let services: AwsDataServices;
  let endpoints: { dynamodb: string; s3: string };
  let dynamodbPort: number;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'provision-'));
    dynamodbPort = await freePort();
    const s3 = await startS3('127.0.0.1', 0, dataDir, CREDENTIALS);
    running.push(s3);
    endpoints = {
      dynamodb: `http://127.0.0.1:${dynamodbPort}`,
      s3: `http://127.0.0.1:${s3.port}`,
    };
    services = new AwsDataServices({
      dynamodbEndpoint: endpoints.dynamodb,
      s3Endpoint: endpoints.s3,
      region: REGION,
      ...CREDENTIALS,
    });
  });

  afterAll(async () => {
    services.close();
    for (const service of running) await service.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('waits for a DynamoDB that starts late, then creates the table with its index and the bucket', async () => {
    const registry = new FunctionRegistry(
      { fileName: 'functions.yml', read: () => FILE },
      { injected: {}, defaultReservedConcurrency: 10, processEnv: {} },
    );
    registry.onModuleInit();
    const provisioner = new DataProvisioner(registry, services, {
      attempts: 8,
      baseMs: 200,
      maxMs: 1000,
    });
    const done = provisioner.provision();
    // DynamoDB answers only after the first attempts were refused.
    await new Promise((resolve) => setTimeout(resolve, 700));
    running.push(await startDynamoDb('127.0.0.1', dynamodbPort, dataDir));
    await done;

    const dynamodb = new DynamoDBClient({
      endpoint: endpoints.dynamodb,
      region: REGION,
      credentials: CREDENTIALS,
    });
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: 'orders' }));
    dynamodb.destroy();
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName)).toEqual(['byStatus']);
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');

    const s3 = new S3Client({
      endpoint: endpoints.s3,
      region: REGION,
      credentials: CREDENTIALS,
      forcePathStyle: true,
    });
    await expect(s3.send(new HeadBucketCommand({ Bucket: 'uploads' }))).resolves.toBeDefined();
    s3.destroy();
  });

  it('finds what exists and leaves it as it is', async () => {
    const table = {
      keySchema: [{ attributeName: 'pk', keyType: 'HASH' as const }],
      attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' as const }],
    };
    await expect(services.ensureTable('orders', table)).resolves.toBe('exists');
    await expect(services.ensureBucket('uploads')).resolves.toBe('exists');
    await expect(services.ensureBucket('second')).resolves.toBe('created');
  });
});
