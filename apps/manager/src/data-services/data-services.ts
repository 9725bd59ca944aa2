import type { TableDefinition } from '@app/contracts';

/** The DynamoDB and S3 endpoints functions are given, as the Manager creates tables and buckets. */
export const DATA_SERVICES = Symbol('DataServices');

/** What creating a resource found: it was made now, or it was there already. */
export type EnsureOutcome = 'created' | 'exists';

export interface DataServices {
  /** Creates the table when it does not exist; an existing table is left as it is. */
  ensureTable(name: string, table: TableDefinition): Promise<EnsureOutcome>;
  /** Creates the bucket when it does not exist. */
  ensureBucket(name: string): Promise<EnsureOutcome>;
}

/** Where and as whom the Manager reaches the data services (the function endpoints and credentials). */
export interface DataServicesSettings {
  dynamodbEndpoint: string;
  s3Endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}
