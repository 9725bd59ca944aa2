import { createTableInput } from './create-table-input';

describe('createTableInput', () => {
  it.each([
    [
      'a hash key only',
      {
        keySchema: [{ attributeName: 'id', keyType: 'HASH' as const }],
        attributeDefinitions: [{ attributeName: 'id', attributeType: 'S' as const }],
      },
      {
        TableName: 't',
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      },
    ],
    [
      'indexes, INCLUDE with its attributes',
      {
        keySchema: [{ attributeName: 'pk', keyType: 'HASH' as const }],
        attributeDefinitions: [
          { attributeName: 'pk', attributeType: 'S' as const },
          { attributeName: 'at', attributeType: 'N' as const },
        ],
        globalSecondaryIndexes: [
          {
            indexName: 'byAt',
            keySchema: [{ attributeName: 'at', keyType: 'HASH' as const }],
            projection: { projectionType: 'INCLUDE' as const, nonKeyAttributes: ['total'] },
          },
        ],
        localSecondaryIndexes: [
          {
            indexName: 'local',
            keySchema: [
              { attributeName: 'pk', keyType: 'HASH' as const },
              { attributeName: 'at', keyType: 'RANGE' as const },
            ],
            projection: { projectionType: 'ALL' as const },
          },
        ],
      },
      {
        TableName: 't',
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'at', AttributeType: 'N' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'byAt',
            KeySchema: [{ AttributeName: 'at', KeyType: 'HASH' }],
            Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['total'] },
          },
        ],
        LocalSecondaryIndexes: [
          {
            IndexName: 'local',
            KeySchema: [
              { AttributeName: 'pk', KeyType: 'HASH' },
              { AttributeName: 'at', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
      },
    ],
  ])('%s', (_name, table, expected) => {
    expect(createTableInput('t', table)).toEqual(expected);
  });
});
