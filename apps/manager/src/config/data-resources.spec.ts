import { parseDataResources } from './data-resources';
import { FunctionsFileError } from './functions-file';

const FUNCTIONS = 'functions:\n  fn: { image: fn:latest }\n';

function problemsOf(text: string): string[] {
  try {
    parseDataResources(FUNCTIONS + text, 'functions.yml');
  } catch (error) {
    if (error instanceof FunctionsFileError) return error.problems;
    throw error;
  }
  return [];
}

describe('parseDataResources', () => {
  it('reads tables (with indexes) and buckets, each bucket once', () => {
    const data = parseDataResources(
      [
        FUNCTIONS,
        'tables:',
        '  orders:',
        '    keySchema: [{ attributeName: pk, keyType: HASH }, { attributeName: sk, keyType: RANGE }]',
        '    attributeDefinitions:',
        '      - { attributeName: pk, attributeType: S }',
        '      - { attributeName: sk, attributeType: N }',
        '    globalSecondaryIndexes:',
        '      - indexName: bySk',
        '        keySchema: [{ attributeName: sk, keyType: HASH }]',
        '        projection: { projectionType: KEYS_ONLY }',
        'buckets: [uploads, uploads, logs.archive]',
      ].join('\n'),
      'functions.yml',
    );
    expect(Object.fromEntries(data.tables)).toEqual({
      orders: {
        keySchema: [
          { attributeName: 'pk', keyType: 'HASH' },
          { attributeName: 'sk', keyType: 'RANGE' },
        ],
        attributeDefinitions: [
          { attributeName: 'pk', attributeType: 'S' },
          { attributeName: 'sk', attributeType: 'N' },
        ],
        globalSecondaryIndexes: [
          {
            indexName: 'bySk',
            keySchema: [{ attributeName: 'sk', keyType: 'HASH' }],
            projection: { projectionType: 'KEYS_ONLY' },
          },
        ],
      },
    });
    expect(data.buckets).toEqual(['uploads', 'logs.archive']);
  });

  it('has nothing to create when the file declares nothing', () => {
    const data = parseDataResources(FUNCTIONS, 'functions.yml');
    expect([data.tables.size, data.buckets]).toEqual([0, []]);
  });

  it.each([
    ['tables that are not a map', 'tables: [a]', 'tables: must be a map of table names'],
    [
      'a table name DynamoDB refuses',
      'tables:\n  "x y":\n    keySchema: [{ attributeName: id, keyType: HASH }]\n    attributeDefinitions: [{ attributeName: id, attributeType: S }]',
      'tables.x y: table names are 3-255 letters, digits, _ . and -',
    ],
    [
      'a key schema starting with RANGE',
      'tables:\n  items:\n    keySchema: [{ attributeName: id, keyType: RANGE }]\n    attributeDefinitions: [{ attributeName: id, attributeType: S }]',
      'tables.items.keySchema: must list {attributeName, keyType: HASH}, then at most one RANGE key',
    ],
    [
      'an attribute type that is not S, N or B',
      'tables:\n  items:\n    keySchema: [{ attributeName: id, keyType: HASH }]\n    attributeDefinitions: [{ attributeName: id, attributeType: BOOL }]',
      'tables.items.attributeDefinitions: must list {attributeName, attributeType: S|N|B}',
    ],
    [
      'an index projection that does not exist',
      'tables:\n  items:\n    keySchema: [{ attributeName: id, keyType: HASH }]\n    attributeDefinitions: [{ attributeName: id, attributeType: S }]\n    globalSecondaryIndexes: [{ indexName: i, keySchema: [{ attributeName: id, keyType: HASH }], projection: { projectionType: SOME } }]',
      'tables.items.globalSecondaryIndexes[0].projection.projectionType: must be ALL, KEYS_ONLY or INCLUDE',
    ],
    [
      'an upper-case bucket name',
      'buckets: [Uploads]',
      'buckets[0]: "Uploads" is not a valid S3 bucket name (3-63 lower-case letters, digits, . and -)',
    ],
    ['buckets that are not a list', 'buckets: uploads', 'buckets: must be a list of bucket names'],
  ])('refuses %s', (_name, text, problem) => {
    expect(problemsOf(text)).toEqual([problem]);
  });
});
