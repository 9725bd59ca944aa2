import { load } from 'js-yaml';
import { generateText } from './support';

const FUNCTION = [
  'Transform: AWS::Serverless-2016-10-31', // 1
  'Parameters:',
  '  Env: { Type: String, Default: dev }',
  'Resources:',
  '  Fn:', // 5
  '    Type: AWS::Serverless::Function',
  '    Properties:',
  '      CodeUri: src/',
  '      Handler: index.handler',
  '      Runtime: nodejs20.x', // 10
  '      Environment:',
  '        Variables:',
  '          TABLE: !Ref Items',
  '          BUCKET: !Ref Uploads',
];

/** The template with these resource lines after the function (the first one is line 15). */
function template(...resources: string[]): string {
  return [...FUNCTION, ...resources.map((line) => `  ${line}`)].join('\n');
}

function generated(text: string) {
  const result = generateText(text, ['src/index.js']);
  const file = load(result.output?.files['functions.yml'] ?? '{}') as Record<string, unknown>;
  return { result, file };
}

const ITEMS_SIMPLE = ['Items:', '  Type: AWS::Serverless::SimpleTable'];
const UPLOADS = ['Uploads:', '  Type: AWS::S3::Bucket'];

describe('generate: tables and buckets for the Manager to create', () => {
  it.each([
    [
      'SimpleTable without properties: key id (S), named by its logical id',
      [...ITEMS_SIMPLE, ...UPLOADS],
      {
        tables: {
          Items: {
            keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
            attributeDefinitions: [{ attributeName: 'id', attributeType: 'S' }],
          },
        },
        buckets: ['uploads'],
      },
    ],
    [
      'SimpleTable with PrimaryKey Number and a TableName from !Sub',
      [
        'Items:',
        '  Type: AWS::Serverless::SimpleTable',
        '  Properties:',
        '    TableName: !Sub "items-${Env}"',
        '    PrimaryKey: { Name: orderId, Type: Number }',
        ...UPLOADS,
      ],
      {
        tables: {
          'items-dev': {
            keySchema: [{ attributeName: 'orderId', keyType: 'HASH' }],
            attributeDefinitions: [{ attributeName: 'orderId', attributeType: 'N' }],
          },
        },
        buckets: ['uploads'],
      },
    ],
    [
      'DynamoDB::Table with a range key, a GSI (INCLUDE) and an LSI; BucketName kept',
      [
        'Items:',
        '  Type: AWS::DynamoDB::Table',
        '  Properties:',
        '    TableName: orders',
        '    BillingMode: PAY_PER_REQUEST',
        '    AttributeDefinitions:',
        '      - { AttributeName: pk, AttributeType: S }',
        '      - { AttributeName: sk, AttributeType: S }',
        '      - { AttributeName: status, AttributeType: S }',
        '      - { AttributeName: created, AttributeType: N }',
        '    KeySchema:',
        '      - { AttributeName: pk, KeyType: HASH }',
        '      - { AttributeName: sk, KeyType: RANGE }',
        '    GlobalSecondaryIndexes:',
        '      - IndexName: byStatus',
        '        KeySchema: [{ AttributeName: status, KeyType: HASH }]',
        '        Projection: { ProjectionType: INCLUDE, NonKeyAttributes: [total] }',
        '    LocalSecondaryIndexes:',
        '      - IndexName: byCreated',
        '        KeySchema:',
        '          - { AttributeName: pk, KeyType: HASH }',
        '          - { AttributeName: created, KeyType: RANGE }',
        '        Projection: { ProjectionType: KEYS_ONLY }',
        'Uploads:',
        '  Type: AWS::S3::Bucket',
        '  Properties: { BucketName: !Sub "uploads-${Env}" }',
      ],
      {
        tables: {
          orders: {
            keySchema: [
              { attributeName: 'pk', keyType: 'HASH' },
              { attributeName: 'sk', keyType: 'RANGE' },
            ],
            attributeDefinitions: [
              { attributeName: 'pk', attributeType: 'S' },
              { attributeName: 'sk', attributeType: 'S' },
              { attributeName: 'status', attributeType: 'S' },
              { attributeName: 'created', attributeType: 'N' },
            ],
            globalSecondaryIndexes: [
              {
                indexName: 'byStatus',
                keySchema: [{ attributeName: 'status', keyType: 'HASH' }],
                projection: { projectionType: 'INCLUDE', nonKeyAttributes: ['total'] },
              },
            ],
            localSecondaryIndexes: [
              {
                indexName: 'byCreated',
                keySchema: [
                  { attributeName: 'pk', keyType: 'HASH' },
                  { attributeName: 'created', keyType: 'RANGE' },
                ],
                projection: { projectionType: 'KEYS_ONLY' },
              },
            ],
          },
        },
        buckets: ['uploads-dev'],
      },
    ],
  ])('%s', (_name, resources, expected) => {
    const { result, file } = generated(template(...resources));
    expect(result.errors).toEqual([]);
    expect({ tables: file.tables, buckets: file.buckets }).toEqual(expected);
  });

  it('gives functions the same names their Refs resolve to, without the "not created" warning', () => {
    const { result, file } = generated(template(...ITEMS_SIMPLE, ...UPLOADS));
    const functions = file.functions as Record<string, { environment: Record<string, string> }>;
    expect(functions.Fn.environment).toEqual({ TABLE: 'Items', BUCKET: 'uploads' });
    expect(result.warnings).toEqual([]);
    expect(result.ignored.map((issue) => issue.message)).not.toContainEqual(
      expect.stringContaining('not created by onpre-lambda'),
    );
  });

  it('says once what of a table and a bucket is not applied', () => {
    const { result } = generated(
      template(
        'Items:',
        '  Type: AWS::DynamoDB::Table',
        '  Properties:',
        '    AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]',
        '    KeySchema: [{ AttributeName: id, KeyType: HASH }]',
        '    StreamSpecification: { StreamViewType: NEW_IMAGE }',
        '    TimeToLiveSpecification: { AttributeName: ttl, Enabled: true }',
        'Uploads:',
        '  Type: AWS::S3::Bucket',
        '  Properties:',
        '    VersioningConfiguration: { Status: Enabled }',
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result.ignored.map((issue) => [issue.line, issue.logicalId, issue.message])).toEqual(
      expect.arrayContaining([
        [20, 'Items', expect.stringContaining('StreamSpecification: no DynamoDB stream')],
        [21, 'Items', expect.stringContaining('TimeToLiveSpecification: items are not expired')],
        [
          25,
          'Uploads',
          expect.stringContaining('VersioningConfiguration: objects are not versioned'),
        ],
      ]),
    );
  });

  it.each([
    [
      'a bucket name S3 refuses',
      [
        ...ITEMS_SIMPLE,
        'Uploads:',
        '  Type: AWS::S3::Bucket',
        '  Properties: { BucketName: My_Bucket }',
      ],
      [19, 'Uploads', '"My_Bucket" is not a valid name: S3 bucket names are 3-63'],
    ],
    [
      'a key attribute missing from AttributeDefinitions',
      [
        'Items:',
        '  Type: AWS::DynamoDB::Table',
        '  Properties:',
        '    AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]',
        '    KeySchema: [{ AttributeName: pk, KeyType: HASH }]',
        ...UPLOADS,
      ],
      [19, 'Items', 'key attribute "pk" is not in AttributeDefinitions'],
    ],
    [
      'a KeySchema starting with RANGE',
      [
        'Items:',
        '  Type: AWS::DynamoDB::Table',
        '  Properties:',
        '    AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]',
        '    KeySchema: [{ AttributeName: id, KeyType: RANGE }]',
        ...UPLOADS,
      ],
      [19, 'Items', 'KeySchema must start with the HASH key'],
    ],
    [
      'a SimpleTable key type that is not String, Number or Binary',
      [
        'Items:',
        '  Type: AWS::Serverless::SimpleTable',
        '  Properties: { PrimaryKey: { Name: id, Type: Boolean } }',
        ...UPLOADS,
      ],
      [17, 'Items', 'Type must be String, Number or Binary'],
    ],
  ])('refuses %s, naming line and logical id', (_name, resources, [line, logicalId, message]) => {
    const { result } = generated(template(...resources));
    expect(result.output).toBeUndefined();
    expect(result.errors).toEqual([
      expect.objectContaining({
        line,
        logicalId,
        message: expect.stringContaining(String(message)),
      }),
    ]);
  });
});
