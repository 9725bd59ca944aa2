import { load } from 'js-yaml';
import {
  BUCKET_NAME_PATTERN,
  KeyElement,
  TABLE_NAME_PATTERN,
  TableDefinition,
  TableIndexDefinition,
} from '@app/contracts';
import { FunctionsFileError } from './functions-file';

/** The tables and buckets `functions.yml` declares, which the Manager creates when missing. */
export interface DataResources {
  tables: Map<string, TableDefinition>;
  buckets: string[];
}

export const NO_DATA_RESOURCES: DataResources = { tables: new Map(), buckets: [] };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const ATTRIBUTE_TYPES = ['S', 'N', 'B'];
const PROJECTIONS = ['ALL', 'KEYS_ONLY', 'INCLUDE'];

function readKeySchema(raw: unknown, path: string, problems: string[]): KeyElement[] | undefined {
  const valid =
    Array.isArray(raw) &&
    raw.length >= 1 &&
    raw.length <= 2 &&
    raw.every((key, index) => {
      if (!isRecord(key) || typeof key.attributeName !== 'string') return false;
      return key.keyType === (index === 0 ? 'HASH' : 'RANGE');
    });
  if (valid) return raw as KeyElement[];
  problems.push(`${path}: must list {attributeName, keyType: HASH}, then at most one RANGE key`);
  return undefined;
}

function readIndexes(
  raw: unknown,
  path: string,
  problems: string[],
): TableIndexDefinition[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) {
    problems.push(`${path}: must be a list of indexes`);
    return undefined;
  }
  return raw.flatMap((index, position): TableIndexDefinition[] => {
    const at = `${path}[${position}]`;
    if (!isRecord(index) || typeof index.indexName !== 'string') {
      problems.push(`${at}: needs an indexName`);
      return [];
    }
    const keySchema = readKeySchema(index.keySchema, `${at}.keySchema`, problems);
    const projection = isRecord(index.projection) ? index.projection : { projectionType: 'ALL' };
    if (!PROJECTIONS.includes(String(projection.projectionType))) {
      problems.push(`${at}.projection.projectionType: must be ALL, KEYS_ONLY or INCLUDE`);
      return [];
    }
    return keySchema
      ? [{ ...index, keySchema, projection } as unknown as TableIndexDefinition]
      : [];
  });
}

function readTable(name: string, raw: unknown, problems: string[]): TableDefinition | undefined {
  const path = `tables.${name}`;
  if (!TABLE_NAME_PATTERN.test(name)) {
    problems.push(`${path}: table names are 3-255 letters, digits, _ . and -`);
    return undefined;
  }
  if (!isRecord(raw)) {
    problems.push(`${path}: must be a map with keySchema and attributeDefinitions`);
    return undefined;
  }
  const keySchema = readKeySchema(raw.keySchema, `${path}.keySchema`, problems);
  const attributes = raw.attributeDefinitions;
  const attributesValid =
    Array.isArray(attributes) &&
    attributes.length > 0 &&
    attributes.every(
      (a) =>
        isRecord(a) &&
        typeof a.attributeName === 'string' &&
        ATTRIBUTE_TYPES.includes(String(a.attributeType)),
    );
  if (!attributesValid)
    problems.push(`${path}.attributeDefinitions: must list {attributeName, attributeType: S|N|B}`);
  const globalSecondaryIndexes = readIndexes(
    raw.globalSecondaryIndexes,
    `${path}.globalSecondaryIndexes`,
    problems,
  );
  const localSecondaryIndexes = readIndexes(
    raw.localSecondaryIndexes,
    `${path}.localSecondaryIndexes`,
    problems,
  );
  if (!keySchema || !attributesValid) return undefined;
  return {
    keySchema,
    attributeDefinitions: attributes as TableDefinition['attributeDefinitions'],
    ...(globalSecondaryIndexes?.length ? { globalSecondaryIndexes } : {}),
    ...(localSecondaryIndexes?.length ? { localSecondaryIndexes } : {}),
  };
}

/**
 * The `tables` and `buckets` sections of `functions.yml` (the rest is `parseFunctionsFile`'s and
 * `parseInvocationConfig`'s). Every problem is reported at once with its field path.
 */
export function parseDataResources(text: string, fileName: string): DataResources {
  const document = load(text);
  const root = isRecord(document) ? document : {};
  const problems: string[] = [];
  const tables = new Map<string, TableDefinition>();
  if (root.tables !== undefined && root.tables !== null && !isRecord(root.tables))
    problems.push('tables: must be a map of table names');
  for (const [name, raw] of Object.entries(isRecord(root.tables) ? root.tables : {})) {
    const table = readTable(name, raw, problems);
    if (table) tables.set(name, table);
  }
  const buckets: string[] = [];
  if (root.buckets !== undefined && root.buckets !== null) {
    if (!Array.isArray(root.buckets)) problems.push('buckets: must be a list of bucket names');
    else
      for (const [index, name] of root.buckets.entries()) {
        if (typeof name === 'string' && BUCKET_NAME_PATTERN.test(name)) buckets.push(name);
        else
          problems.push(
            `buckets[${index}]: ${JSON.stringify(name)} is not a valid S3 bucket name (3-63 lower-case letters, digits, . and -)`,
          );
      }
  }
  if (problems.length > 0) throw new FunctionsFileError(fileName, problems);
  return { tables, buckets: [...new Set(buckets)] };
}
