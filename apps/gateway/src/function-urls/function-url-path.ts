import { FUNCTION_URL_PATH_PREFIX } from '@app/contracts';

export interface FunctionUrlPath {
  functionName: string;
  /** The path the function sees: what follows `/lambda-url/<function>` ('/' when nothing). */
  rawPath: string;
  rawQueryString: string;
}

/**
 * Reads `/lambda-url/<function>[/path][?query]`, the Gateway's address of a function URL (AWS:
 * `https://<url-id>.lambda-url.<region>.on.aws/path`). Anything else → undefined.
 */
export function functionUrlPath(url: string): FunctionUrlPath | undefined {
  if (!url.startsWith(FUNCTION_URL_PATH_PREFIX)) return undefined;
  const mark = url.indexOf('?');
  const path = mark < 0 ? url : url.slice(0, mark);
  const rawQueryString = mark < 0 ? '' : url.slice(mark + 1);
  const rest = path.slice(FUNCTION_URL_PATH_PREFIX.length);
  const slash = rest.indexOf('/');
  const functionName = slash < 0 ? rest : rest.slice(0, slash);
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(functionName)) return undefined;
  const rawPath = slash < 0 ? '/' : rest.slice(slash);
  return { functionName, rawPath, rawQueryString };
}
