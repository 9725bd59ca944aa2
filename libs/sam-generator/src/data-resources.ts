import yaml from 'js-yaml';
import {
  AttributeDefinition,
  AttributeType,
  BUCKET_NAME_PATTERN,
  DataResourcesSection,
  KeyElement,
  TABLE_NAME_PATTERN,
  TableDefinition,
  TableIndexDefinition,
} from '@app/contracts';
import { IssueList, TemplateError, TemplatePath } from './diagnostics';
import { IntrinsicResolver, TemplateResource } from './intrinsics';
import { reportIgnoredProperties } from './not-acted-on';

/** Resources the Manager creates on the local DynamoDB and S3 endpoints (see @app/contracts). */
export const DATA_RESOURCE_TYPES = [
  'AWS::Serverless::SimpleTable',
  'AWS::DynamoDB::Table',
  'AWS::S3::Bucket',
];

const ATTRIBUTE_TYPES: Record<string, AttributeType> = {
  S: 'S',
  N: 'N',
  B: 'B',
  String: 'S',
  Number: 'N',
  Binary: 'B',
};

type Properties = Record<string, unknown>;

function isRecord(value: unknown): value is Properties {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads one resource's properties; every problem is an issue naming its path and logical id. */
class DataResourceReader {
  readonly tables: Record<string, TableDefinition> = {};
  readonly buckets = new Set<string>();

  constructor(
    private readonly resolver: IntrinsicResolver,
    private readonly issues: IssueList,
  ) {}

  private resolve(value: unknown, path: TemplatePath, logicalId: string): unknown {
    try {
      return this.resolver.resolve(value, path);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      this.issues.error(error.path, error.message, logicalId);
      return undefined;
    }
  }

  private name(logicalId: string, pattern: RegExp, rule: string, path: TemplatePath) {
    let name: string;
    try {
      name = this.resolver.physicalName(logicalId, path);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      this.issues.error(error.path, error.message, logicalId);
      return undefined;
    }
    if (pattern.test(name)) return name;
    this.issues.error(path, `${JSON.stringify(name)} is not a valid name: ${rule}`, logicalId);
    return undefined;
  }

  simpleTable(logicalId: string, properties: Properties, path: TemplatePath): void {
    reportIgnoredProperties(properties, ['TableName', 'PrimaryKey'], path, this.issues, logicalId);
    const name = this.tableName(logicalId, [...path, 'TableName']);
    const key = this.resolve(properties.PrimaryKey ?? {}, [...path, 'PrimaryKey'], logicalId);
    if (!isRecord(key)) {
      this.issues.error(
        [...path, 'PrimaryKey'],
        'PrimaryKey must be a map (Name, Type)',
        logicalId,
      );
      return;
    }
    const attributeName = key.Name ?? 'id';
    const keyType = key.Type ?? 'String';
    const type = typeof keyType === 'string' ? ATTRIBUTE_TYPES[keyType] : undefined;
    if (typeof attributeName !== 'string' || attributeName === '') {
      this.issues.error([...path, 'PrimaryKey', 'Name'], 'Name must be a string', logicalId);
      return;
    }
    if (!type) {
      this.issues.error(
        [...path, 'PrimaryKey', 'Type'],
        'Type must be String, Number or Binary',
        logicalId,
      );
      return;
    }
    if (name === undefined) return;
    this.tables[name] = {
      keySchema: [{ attributeName, keyType: 'HASH' }],
      attributeDefinitions: [{ attributeName, attributeType: type }],
    };
  }

  table(logicalId: string, properties: Properties, path: TemplatePath): void {
    const used = [
      'TableName',
      'KeySchema',
      'AttributeDefinitions',
      'GlobalSecondaryIndexes',
      'LocalSecondaryIndexes',
    ];
    reportIgnoredProperties(properties, used, path, this.issues, logicalId);
    const name = this.tableName(logicalId, [...path, 'TableName']);
    const read = (field: string) => this.resolve(properties[field], [...path, field], logicalId);
    const keySchema = this.keySchema(read('KeySchema'), [...path, 'KeySchema'], logicalId);
    const attributes = this.attributes(
      read('AttributeDefinitions'),
      [...path, 'AttributeDefinitions'],
      logicalId,
    );
    const indexes = (field: string) =>
      this.indexes(read(field), [...path, field], logicalId, attributes);
    const globalSecondaryIndexes = indexes('GlobalSecondaryIndexes');
    const localSecondaryIndexes = indexes('LocalSecondaryIndexes');
    if (name === undefined || !keySchema || !attributes) return;
    for (const [index, key] of keySchema.entries())
      if (!attributes.some((a) => a.attributeName === key.attributeName))
        this.issues.error(
          [...path, 'KeySchema', index],
          `key attribute ${JSON.stringify(key.attributeName)} is not in AttributeDefinitions`,
          logicalId,
        );
    this.tables[name] = {
      keySchema,
      attributeDefinitions: attributes,
      ...(globalSecondaryIndexes?.length ? { globalSecondaryIndexes } : {}),
      ...(localSecondaryIndexes?.length ? { localSecondaryIndexes } : {}),
    };
  }

  bucket(logicalId: string, properties: Properties, path: TemplatePath): void {
    reportIgnoredProperties(properties, ['BucketName'], path, this.issues, logicalId);
    const name = this.name(
      logicalId,
      BUCKET_NAME_PATTERN,
      'S3 bucket names are 3-63 lower-case letters, digits, dots and hyphens',
      [...path, 'BucketName'],
    );
    if (name !== undefined) this.buckets.add(name);
  }

  private tableName(logicalId: string, path: TemplatePath) {
    return this.name(
      logicalId,
      TABLE_NAME_PATTERN,
      'DynamoDB table names are 3-255 letters, digits, _ . and -',
      path,
    );
  }

  private keySchema(value: unknown, path: TemplatePath, logicalId: string) {
    if (!Array.isArray(value) || value.length < 1 || value.length > 2) {
      this.issues.error(
        path,
        'KeySchema must list a HASH key and at most one RANGE key',
        logicalId,
      );
      return undefined;
    }
    const keys: KeyElement[] = [];
    for (const [index, raw] of value.entries()) {
      const keyType = isRecord(raw) ? raw.KeyType : undefined;
      const attributeName = isRecord(raw) ? raw.AttributeName : undefined;
      if (typeof attributeName !== 'string' || (keyType !== 'HASH' && keyType !== 'RANGE')) {
        this.issues.error(
          [...path, index],
          'each key needs AttributeName and KeyType HASH or RANGE',
          logicalId,
        );
        return undefined;
      }
      keys.push({ attributeName, keyType });
    }
    if (keys[0].keyType !== 'HASH' || (keys[1] && keys[1].keyType !== 'RANGE')) {
      this.issues.error(path, 'KeySchema must start with the HASH key, then RANGE', logicalId);
      return undefined;
    }
    return keys;
  }

  private attributes(value: unknown, path: TemplatePath, logicalId: string) {
    if (!Array.isArray(value) || value.length === 0) {
      this.issues.error(path, 'AttributeDefinitions must list the key attributes', logicalId);
      return undefined;
    }
    const attributes: AttributeDefinition[] = [];
    for (const [index, raw] of value.entries()) {
      const attributeName = isRecord(raw) ? raw.AttributeName : undefined;
      const type =
        isRecord(raw) && typeof raw.AttributeType === 'string'
          ? ATTRIBUTE_TYPES[raw.AttributeType]
          : undefined;
      if (typeof attributeName !== 'string' || !type || type.length !== 1) {
        this.issues.error(
          [...path, index],
          'each attribute needs AttributeName and AttributeType S, N or B',
          logicalId,
        );
        return undefined;
      }
      attributes.push({ attributeName, attributeType: type });
    }
    return attributes;
  }

  private indexes(
    value: unknown,
    path: TemplatePath,
    logicalId: string,
    attributes: AttributeDefinition[] | undefined,
  ): TableIndexDefinition[] | undefined {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.issues.error(path, 'must be a list of indexes', logicalId);
      return undefined;
    }
    const result: TableIndexDefinition[] = [];
    for (const [index, raw] of value.entries()) {
      const at = [...path, index];
      if (!isRecord(raw) || typeof raw.IndexName !== 'string') {
        this.issues.error(at, 'each index needs an IndexName', logicalId);
        continue;
      }
      const keySchema = this.keySchema(raw.KeySchema, [...at, 'KeySchema'], logicalId);
      const projection = isRecord(raw.Projection) ? raw.Projection : {};
      const projectionType = projection.ProjectionType ?? 'ALL';
      if (
        projectionType !== 'ALL' &&
        projectionType !== 'KEYS_ONLY' &&
        projectionType !== 'INCLUDE'
      ) {
        this.issues.error(
          [...at, 'Projection', 'ProjectionType'],
          'must be ALL, KEYS_ONLY or INCLUDE',
          logicalId,
        );
        continue;
      }
      if (!keySchema) continue;
      for (const key of keySchema)
        if (attributes && !attributes.some((a) => a.attributeName === key.attributeName))
          this.issues.error(
            [...at, 'KeySchema'],
            `key attribute ${JSON.stringify(key.attributeName)} is not in AttributeDefinitions`,
            logicalId,
          );
      const nonKey = Array.isArray(projection.NonKeyAttributes)
        ? projection.NonKeyAttributes.filter((a): a is string => typeof a === 'string')
        : [];
      result.push({
        indexName: raw.IndexName,
        keySchema,
        projection: {
          projectionType,
          ...(projectionType === 'INCLUDE' ? { nonKeyAttributes: nonKey } : {}),
        },
      });
    }
    return result;
  }
}

/**
 * The tables and buckets of the template, named as its `Ref`s resolve (the declared name, else the
 * logical id; a bucket's lower-cased, as S3 requires). The Manager creates them when missing.
 */
export function readDataResources(
  resources: Array<[string, TemplateResource]>,
  resolver: IntrinsicResolver,
  issues: IssueList,
): DataResourcesSection {
  const reader = new DataResourceReader(resolver, issues);
  for (const [logicalId, resource] of resources) {
    const path = ['Resources', logicalId, 'Properties'];
    const properties = isRecord(resource.Properties) ? resource.Properties : {};
    if (resource.Type === 'AWS::Serverless::SimpleTable')
      reader.simpleTable(logicalId, properties, path);
    else if (resource.Type === 'AWS::DynamoDB::Table') reader.table(logicalId, properties, path);
    else if (resource.Type === 'AWS::S3::Bucket') reader.bucket(logicalId, properties, path);
  }
  const tables = Object.fromEntries(
    Object.entries(reader.tables).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  const buckets = [...reader.buckets].sort();
  return {
    ...(Object.keys(tables).length > 0 ? { tables } : {}),
    ...(buckets.length > 0 ? { buckets } : {}),
  };
}

/** The `tables` / `buckets` sections appended to `functions.yml` (empty text when there are none). */
export function renderDataResources(section: DataResourcesSection): string {
  if (!section.tables && !section.buckets) return '';
  return yaml.dump(section, { lineWidth: -1, noRefs: true, sortKeys: false });
}
