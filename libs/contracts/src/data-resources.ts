/**
 * Tables and buckets an app's template declares (`AWS::Serverless::SimpleTable`,
 * `AWS::DynamoDB::Table`, `AWS::S3::Bucket`): the SAM generator writes them into `functions.yml`
 * (`tables`, `buckets`) and the Manager creates the missing ones on the DynamoDB and S3 endpoints its
 * functions are given, so an app finds them as it does on AWS. Names are the physical names the
 * template's `Ref`s resolve to. Field names follow DynamoDB's CreateTable, in camelCase.
 */

export type AttributeType = 'S' | 'N' | 'B';
export type KeyType = 'HASH' | 'RANGE';
export type ProjectionType = 'ALL' | 'KEYS_ONLY' | 'INCLUDE';

export interface KeyElement {
  attributeName: string;
  keyType: KeyType;
}

export interface AttributeDefinition {
  attributeName: string;
  attributeType: AttributeType;
}

export interface TableIndexDefinition {
  indexName: string;
  keySchema: KeyElement[];
  projection: { projectionType: ProjectionType; nonKeyAttributes?: string[] };
}

export interface TableDefinition {
  keySchema: KeyElement[];
  attributeDefinitions: AttributeDefinition[];
  globalSecondaryIndexes?: TableIndexDefinition[];
  localSecondaryIndexes?: TableIndexDefinition[];
}

export interface DataResourcesSection {
  /** Keyed by table name. */
  tables?: Record<string, TableDefinition>;
  /** Bucket names. */
  buckets?: string[];
}

/** DynamoDB's rule for table and index names. */
export const TABLE_NAME_PATTERN = /^[A-Za-z0-9_.-]{3,255}$/;
/** S3's rule for bucket names (lower case letters, digits, dots and hyphens; 3-63). */
export const BUCKET_NAME_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
