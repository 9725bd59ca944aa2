import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import type { TableDefinition, TableIndexDefinition } from '@app/contracts';

function index(definition: TableIndexDefinition) {
  return {
    IndexName: definition.indexName,
    KeySchema: definition.keySchema.map((key) => ({
      AttributeName: key.attributeName,
      KeyType: key.keyType,
    })),
    Projection: {
      ProjectionType: definition.projection.projectionType,
      ...(definition.projection.nonKeyAttributes?.length
        ? { NonKeyAttributes: definition.projection.nonKeyAttributes }
        : {}),
    },
  };
}

/** DynamoDB's CreateTable request for a `functions.yml` table: on-demand capacity, no streams. */
export function createTableInput(name: string, table: TableDefinition): CreateTableCommandInput {
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: table.keySchema.map((key) => ({
      AttributeName: key.attributeName,
      KeyType: key.keyType,
    })),
    AttributeDefinitions: table.attributeDefinitions.map((attribute) => ({
      AttributeName: attribute.attributeName,
      AttributeType: attribute.attributeType,
    })),
    ...(table.globalSecondaryIndexes?.length
      ? { GlobalSecondaryIndexes: table.globalSecondaryIndexes.map(index) }
      : {}),
    ...(table.localSecondaryIndexes?.length
      ? { LocalSecondaryIndexes: table.localSecondaryIndexes.map(index) }
      : {}),
  };
}
