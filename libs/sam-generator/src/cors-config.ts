import type { CorsDefinition } from '@app/contracts';
import { TemplateError, TemplatePath } from './diagnostics';

type Fields = Record<string, unknown>;

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `https://app.example.com`, `http://localhost:3000`, `https://*.example.com`, or `*`. */
const ORIGIN = /^(\*|[a-z][a-z0-9+.-]*:\/\/(\*\.)?[A-Za-z0-9.-]+(:\d{1,5})?)$/;

/** SAM's REST `Cors` values are header values in single quotes: `"'*'"`, `"'GET,POST'"`. */
function quotedValue(value: unknown, path: TemplatePath): string {
  const text = typeof value === 'number' ? `'${value}'` : value;
  const match = typeof text === 'string' ? /^'(.*)'$/.exec(text.trim()) : null;
  if (!match) {
    throw new TemplateError(
      path,
      `must be a header value in single quotes, such as "'*'" (API Gateway refuses ${JSON.stringify(value)})`,
    );
  }
  return match[1];
}

function commaList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function checkCredentials(cors: CorsDefinition, path: TemplatePath): CorsDefinition {
  if (cors.allowCredentials && cors.allowOrigins.includes('*')) {
    throw new TemplateError(
      path,
      'AllowCredentials cannot be true when the allowed origin is * (browsers refuse credentials for a wildcard origin)',
    );
  }
  return cors;
}

/**
 * A REST API's `Cors` (SAM): a quoted origin string, or `AllowOrigin` (required), `AllowMethods`,
 * `AllowHeaders`, `MaxAge`, `AllowCredentials`. Throws `TemplateError` at the offending key.
 */
export function readRestCors(cors: unknown, path: TemplatePath): CorsDefinition {
  if (!isRecord(cors)) {
    return { allowOrigins: [quotedValue(cors, path)], allowMethods: [], allowHeaders: [] };
  }
  if (cors.AllowOrigin === undefined) {
    throw new TemplateError([...path, 'AllowOrigin'], 'Cors needs AllowOrigin');
  }
  const origin = quotedValue(cors.AllowOrigin, [...path, 'AllowOrigin']);
  if (!ORIGIN.test(origin) || origin.includes('*.')) {
    throw new TemplateError(
      [...path, 'AllowOrigin'],
      `'${origin}' is not an origin (scheme://host[:port], or *)`,
    );
  }
  const list = (key: string) =>
    cors[key] === undefined ? [] : commaList(quotedValue(cors[key], [...path, key]));
  const maxAge =
    cors.MaxAge === undefined ? undefined : quotedValue(cors.MaxAge, [...path, 'MaxAge']);
  if (maxAge !== undefined && !/^-?\d+$/.test(maxAge)) {
    throw new TemplateError([...path, 'MaxAge'], `MaxAge '${maxAge}' is not a number of seconds`);
  }
  return checkCredentials(
    {
      allowOrigins: [origin],
      allowMethods: list('AllowMethods').map((method) => method.toUpperCase()),
      allowHeaders: list('AllowHeaders'),
      ...(maxAge !== undefined ? { maxAge: Number(maxAge) } : {}),
      ...(cors.AllowCredentials === true ? { allowCredentials: true } : {}),
    },
    path,
  );
}

function stringList(value: unknown, path: TemplatePath): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new TemplateError(path, 'must be a list of strings');
  }
  return value.map((item) => item.trim());
}

/** `AllowOrigins` etc. in SAM's (capitalised) or OpenAPI's / CloudFormation's spelling. */
function field(cors: Fields, name: string): [string, unknown] {
  const lower = name[0].toLowerCase() + name.slice(1);
  return cors[name] !== undefined ? [name, cors[name]] : [lower, cors[lower]];
}

/**
 * An HTTP API's `CorsConfiguration` (SAM, `AWS::ApiGatewayV2::Api`) or `x-amazon-apigateway-cors`:
 * `true` (SAM: every origin, method and header), or `AllowOrigins`, `AllowMethods`, `AllowHeaders`,
 * `ExposeHeaders`, `MaxAge` (0–86400), `AllowCredentials`. Throws `TemplateError` at the offending key.
 */
export function readHttpCors(cors: unknown, path: TemplatePath): CorsDefinition | undefined {
  if (cors === false) return undefined;
  if (cors === true) return { allowOrigins: ['*'], allowMethods: ['*'], allowHeaders: ['*'] };
  if (!isRecord(cors)) throw new TemplateError(path, 'must be true, false or a mapping');
  const list = (name: string) => {
    const [key, value] = field(cors, name);
    return { key, values: stringList(value, [...path, key]) };
  };
  const origins = list('AllowOrigins');
  for (const origin of origins.values) {
    if (!ORIGIN.test(origin)) {
      throw new TemplateError(
        [...path, origins.key],
        `'${origin}' is not an origin (scheme://host[:port], scheme://*.domain, or *)`,
      );
    }
  }
  const [maxAgeKey, maxAge] = field(cors, 'MaxAge');
  if (
    maxAge !== undefined &&
    !(Number.isInteger(maxAge) && Number(maxAge) >= -1 && Number(maxAge) <= 86400)
  ) {
    throw new TemplateError([...path, maxAgeKey], 'MaxAge must be an integer -1–86400');
  }
  const [, credentials] = field(cors, 'AllowCredentials');
  return checkCredentials(
    {
      allowOrigins: origins.values,
      allowMethods: list('AllowMethods').values.map((method) => method.toUpperCase()),
      allowHeaders: list('AllowHeaders').values.map((header) => header.toLowerCase()),
      exposeHeaders: list('ExposeHeaders').values,
      ...(maxAge !== undefined ? { maxAge: Number(maxAge) } : {}),
      ...(credentials === true ? { allowCredentials: true } : {}),
    },
    path,
  );
}
