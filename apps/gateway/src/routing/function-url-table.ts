import { load } from 'js-yaml';
import {
  FUNCTION_URL_AUTH_TYPES,
  FUNCTION_URL_INVOKE_MODES,
  type FunctionUrlDefinition,
} from '@app/contracts';

type Fields = Record<string, unknown>;

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function urlProblems(name: string, url: unknown): string[] {
  const where = `functionUrls.${name}`;
  if (!isRecord(url)) return [`${where} must be a mapping`];
  const problems: string[] = [];
  if (!FUNCTION_URL_AUTH_TYPES.includes(url.authType as never))
    problems.push(`${where}.authType must be NONE or AWS_IAM`);
  if (url.invokeMode !== undefined && !FUNCTION_URL_INVOKE_MODES.includes(url.invokeMode as never))
    problems.push(`${where}.invokeMode must be BUFFERED or RESPONSE_STREAM`);
  if (url.cors !== undefined && !(isRecord(url.cors) && Array.isArray(url.cors.allowOrigins)))
    problems.push(`${where}.cors must be a mapping with allowOrigins`);
  return problems;
}

/**
 * The `functionUrls` section of `routing.yml` (absent: none); throws one error listing every
 * problem. Missing `invokeMode` is BUFFERED, missing CORS lists are empty.
 */
export function parseFunctionUrls(
  text: string,
  source = 'routing.yml',
): Record<string, FunctionUrlDefinition> {
  const document = load(text) as { functionUrls?: unknown } | null;
  const section = document?.functionUrls;
  if (section === undefined || section === null) return {};
  if (!isRecord(section)) throw new Error(`${source}: functionUrls must be a mapping`);
  const problems = Object.entries(section).flatMap(([name, url]) => urlProblems(name, url));
  if (problems.length > 0) throw new Error(`${source}:\n  - ${problems.join('\n  - ')}`);
  return Object.fromEntries(
    Object.entries(section as Record<string, FunctionUrlDefinition>).map(([name, url]) => [
      name,
      {
        authType: url.authType,
        invokeMode: url.invokeMode ?? 'BUFFERED',
        ...(url.cors
          ? {
              cors: {
                ...url.cors,
                allowMethods: url.cors.allowMethods ?? [],
                allowHeaders: url.cors.allowHeaders ?? [],
              },
            }
          : {}),
      },
    ]),
  );
}

/** The function URLs in use; `replace` swaps them at once (a `routing.yml` reload). */
export class FunctionUrlTable {
  private urls: Map<string, FunctionUrlDefinition>;

  constructor(urls: Record<string, FunctionUrlDefinition> = {}) {
    this.urls = new Map(Object.entries(urls));
  }

  replace(urls: Record<string, FunctionUrlDefinition>): void {
    this.urls = new Map(Object.entries(urls));
  }

  get(functionName: string): FunctionUrlDefinition | undefined {
    return this.urls.get(functionName);
  }

  names(): string[] {
    return [...this.urls.keys()].sort();
  }
}
