import { load } from 'js-yaml';
import {
  INTEGRATION_TIMEOUT_MS,
  type ApiDefinition,
  type ApiKind,
  type PayloadFormat,
} from '@app/contracts';

/** An API of `routing.yml` (or the implicit one of a route that names none), ready for requests. */
export interface ResolvedApi extends ApiDefinition {
  id: string;
  /**
   * Whether `routing.yml` declares the API. Only a declared REST API applies API Gateway's binary
   * rule (base64 only for its binary media types); an implicit one keeps the Gateway's own (base64
   * for non-text types), so hand-written routes lose no bytes.
   */
  declared: boolean;
  stageVariables: Record<string, string>;
  binaryMediaTypes: string[];
}

/** Stages of the implicit APIs: SAM local's names for a REST API's stage and an HTTP API's default. */
export const IMPLICIT_STAGES = { rest: 'prod', http: '$default' } as const;

/** The APIs of routes that name none (hand-written `routing.yml`): REST for 1.0, HTTP for 2.0. */
const IMPLICIT_APIS: Record<PayloadFormat, ResolvedApi> = {
  '1.0': {
    id: 'implicit-rest',
    declared: false,
    kind: 'rest',
    stage: IMPLICIT_STAGES.rest,
    stageVariables: {},
    binaryMediaTypes: [],
  },
  '2.0': {
    id: 'implicit-http',
    declared: false,
    kind: 'http',
    stage: IMPLICIT_STAGES.http,
    stageVariables: {},
    binaryMediaTypes: [],
  },
};

/** The API a route belongs to: its `routing.yml` entry, else the implicit one of its format. */
export function resolveApi(
  apis: Readonly<Record<string, ApiDefinition>>,
  id: string | undefined,
  format: PayloadFormat,
): ResolvedApi {
  const definition = id !== undefined && Object.hasOwn(apis, id) ? apis[id] : undefined;
  if (!definition) return IMPLICIT_APIS[format];
  return {
    ...definition,
    id: id!,
    declared: true,
    stageVariables: definition.stageVariables ?? {},
    binaryMediaTypes: definition.binaryMediaTypes ?? [],
  };
}

/** The integration timeout of a route: its own `timeoutMs`, else its API kind's default. */
export function integrationTimeoutMs(kind: ApiKind, timeoutMs: number | undefined): number {
  return timeoutMs ?? INTEGRATION_TIMEOUT_MS[kind].default;
}

type Fields = Record<string, unknown>;

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function corsProblems(cors: unknown, where: string): string[] {
  if (!isRecord(cors)) return [`${where} must be a mapping`];
  const problems: string[] = [];
  for (const list of ['allowOrigins', 'allowMethods', 'allowHeaders']) {
    if (!isStringList(cors[list])) problems.push(`${where}.${list} must be a list of strings`);
  }
  if (cors.exposeHeaders !== undefined && !isStringList(cors.exposeHeaders)) {
    problems.push(`${where}.exposeHeaders must be a list of strings`);
  }
  if (cors.maxAge !== undefined && !Number.isInteger(cors.maxAge)) {
    problems.push(`${where}.maxAge must be an integer`);
  }
  if (cors.allowCredentials !== undefined && typeof cors.allowCredentials !== 'boolean') {
    problems.push(`${where}.allowCredentials must be true or false`);
  }
  return problems;
}

function apiProblems(api: unknown, where: string): string[] {
  if (!isRecord(api)) return [`${where} must be a mapping`];
  const problems: string[] = [];
  if (api.kind !== 'rest' && api.kind !== 'http')
    problems.push(`${where}.kind must be rest or http`);
  if (typeof api.stage !== 'string' || !/^[A-Za-z0-9_$-]+$/.test(api.stage)) {
    problems.push(`${where}.stage must be a stage name ([A-Za-z0-9_-]+ or $default)`);
  }
  const variables = api.stageVariables;
  if (variables !== undefined && !(isRecord(variables) && isStringList(Object.values(variables)))) {
    problems.push(`${where}.stageVariables must map names to strings`);
  }
  if (api.binaryMediaTypes !== undefined && !isStringList(api.binaryMediaTypes)) {
    problems.push(`${where}.binaryMediaTypes must be a list of strings`);
  }
  if (api.cors !== undefined) problems.push(...corsProblems(api.cors, `${where}.cors`));
  return problems;
}

/** The `apis` section of `routing.yml` (empty when absent); throws one error listing every problem. */
export function parseApiSettings(
  text: string,
  source = 'routing.yml',
): Record<string, ApiDefinition> {
  const document = load(text) as { apis?: unknown } | null;
  const apis = document?.apis;
  if (apis === undefined || apis === null) return {};
  if (!isRecord(apis)) throw new Error(`${source}: "apis" must be a mapping`);
  const problems = Object.entries(apis).flatMap(([id, api]) => apiProblems(api, `apis.${id}`));
  if (problems.length > 0) throw new Error(`${source}:\n  - ${problems.join('\n  - ')}`);
  const parsed: Record<string, ApiDefinition> = Object.create(null) as Record<
    string,
    ApiDefinition
  >;
  for (const [id, api] of Object.entries(apis)) {
    const { kind, stage, stageVariables, binaryMediaTypes, cors } = api as ApiDefinition;
    parsed[id] = {
      kind,
      stage,
      ...(stageVariables ? { stageVariables: { ...stageVariables } } : {}),
      ...(binaryMediaTypes ? { binaryMediaTypes } : {}),
      ...(cors ? { cors } : {}),
    };
  }
  return parsed;
}
