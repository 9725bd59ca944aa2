import {
  CreateTableCommand,
  DynamoDBClient,
  ResourceInUseException,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { TableDefinition } from '@app/contracts';
import type { DataServices, DataServicesSettings, EnsureOutcome } from '../data-services';
import { createTableInput } from './create-table-input';

/** S3 answers these when the bucket is there already (ours, or, for BucketAlreadyExists, anyone's). */
const BUCKET_EXISTS = ['BucketAlreadyOwnedByYou', 'BucketAlreadyExists'];

/** The AWS SDK against the local DynamoDB (Alternator, dynalite) and S3 (RustFS, s3rver) endpoints. */
export class AwsDataServices implements DataServices {
  private readonly dynamodb: DynamoDBClient;
  private readonly s3: S3Client;

  constructor(settings: DataServicesSettings) {
    const common = {
      region: settings.region,
      credentials: {
        accessKeyId: settings.accessKeyId,
        secretAccessKey: settings.secretAccessKey,
      },
      maxAttempts: 1,
    };
    this.dynamodb = new DynamoDBClient({ ...common, endpoint: settings.dynamodbEndpoint });
    // Path-style: the local S3 servers do not serve virtual-host bucket names.
    this.s3 = new S3Client({ ...common, endpoint: settings.s3Endpoint, forcePathStyle: true });
  }

  async ensureTable(name: string, table: TableDefinition): Promise<EnsureOutcome> {
    try {
      await this.dynamodb.send(new CreateTableCommand(createTableInput(name, table)));
      return 'created';
    } catch (error) {
      if (error instanceof ResourceInUseException) return 'exists';
      throw error;
    }
  }

  async ensureBucket(name: string): Promise<EnsureOutcome> {
    try {
      await this.s3.send(new CreateBucketCommand({ Bucket: name }));
      return 'created';
    } catch (error) {
      if (error instanceof S3ServiceException && BUCKET_EXISTS.includes(error.name))
        return 'exists';
      throw error;
    }
  }

  close(): void {
    this.dynamodb.destroy();
    this.s3.destroy();
  }
}
