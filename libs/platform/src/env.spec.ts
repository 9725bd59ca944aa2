import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IsInt, IsString, Max, Min, MinLength } from 'class-validator';
import {
  devSecretsInUse,
  EnvironmentError,
  EnvironmentSchema,
  exposedDevSecretsWarning,
  secretsFromFiles,
  validateEnvironment,
} from './env';

class ExampleEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT: number = 8080;

  @IsString()
  @MinLength(16)
  TOKEN!: string;
}

const schema: EnvironmentSchema<ExampleEnv> = {
  type: ExampleEnv,
  secrets: [{ name: 'TOKEN', devDefault: 'dev-token-0123456789' }],
};

function problemsOf(raw: Record<string, string>): string[] {
  try {
    validateEnvironment(schema, raw);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(EnvironmentError);
    return (error as EnvironmentError).problems;
  }
}

describe('validateEnvironment', () => {
  it.each([
    ['defaults outside production', {}, { PORT: 8080, TOKEN: 'dev-token-0123456789' }],
    ['numbers converted', { PORT: '9000' }, { PORT: 9000, TOKEN: 'dev-token-0123456789' }],
    ['empty string counts as unset', { PORT: '' }, { PORT: 8080, TOKEN: 'dev-token-0123456789' }],
    [
      'a real secret in production',
      { NODE_ENV: 'production', TOKEN: 'a-real-production-token' },
      { PORT: 8080, TOKEN: 'a-real-production-token' },
    ],
  ])('accepts %s', (_name, raw, expected) => {
    expect(validateEnvironment(schema, raw)).toMatchObject(expected);
  });

  it.each([
    [
      'missing secret in production',
      { NODE_ENV: 'production' },
      ['TOKEN: is required in production'],
    ],
    [
      'default secret in production',
      { NODE_ENV: 'production', TOKEN: 'dev-token-0123456789' },
      ['TOKEN: must not be the development default in production'],
    ],
    ['a port out of range', { PORT: '70000' }, ['PORT: must not be greater than 65535']],
    [
      'every problem at once, sorted',
      { PORT: 'abc', TOKEN: 'short' },
      [
        'PORT: must be an integer number',
        'PORT: must not be greater than 65535',
        'PORT: must not be less than 1',
        'TOKEN: must be longer than or equal to 16 characters',
      ],
    ],
  ])('rejects %s', (_name, raw, expected) => {
    expect(problemsOf(raw)).toEqual(expected);
  });

  it('lists every problem in one message', () => {
    expect(() => validateEnvironment(schema, { NODE_ENV: 'production', PORT: '0' })).toThrow(
      'Invalid configuration:\n  - PORT: must not be less than 1\n  - TOKEN: is required in production',
    );
  });
});

describe('exposedDevSecretsWarning', () => {
  it.each([
    { host: '0.0.0.0', secrets: ['X_API_KEY'], warns: true },
    { host: '::', secrets: ['MANAGER_TOKEN'], warns: true },
    { host: '192.168.1.5', secrets: ['X_API_KEY'], warns: true },
    { host: '127.0.0.1', secrets: ['X_API_KEY'], warns: false },
    { host: 'localhost', secrets: ['X_API_KEY'], warns: false },
    { host: '0.0.0.0', secrets: [], warns: false },
  ])('$host with $secrets → warns: $warns', ({ host, secrets, warns }) => {
    const warning = exposedDevSecretsWarning(host, secrets);
    expect(warning !== undefined).toBe(warns);
    if (warning) expect(warning).toContain(secrets[0]);
  });

  it('names the secrets still at their development default', () => {
    const schema = {
      type: class {},
      secrets: [
        { name: 'A', devDefault: 'dev-a' },
        { name: 'B', devDefault: 'dev-b' },
      ],
    };
    expect(devSecretsInUse(schema, { A: 'dev-a', B: 'real' })).toEqual(['A']);
  });
});

describe('secrets from files (<NAME>_FILE, as Swarm secrets are mounted)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'env-secret-'));
  const file = join(dir, 'token');
  writeFileSync(file, 'from-a-file-0123456789\n');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the value from the file, without its final newline', () => {
    const env = validateEnvironment(schema, { NODE_ENV: 'production', TOKEN_FILE: file });
    expect(env.TOKEN).toBe('from-a-file-0123456789');
  });

  it.each([
    [
      { TOKEN_FILE: join(dir, 'missing') },
      `TOKEN_FILE: cannot read ${join(dir, 'missing')} (ENOENT)`,
    ],
    [
      { TOKEN_FILE: file, TOKEN: 'x-0123456789abcdef' },
      'TOKEN_FILE: give TOKEN or TOKEN_FILE, not both',
    ],
  ])('refuses %j', (raw, problem) => {
    expect(problemsOf(raw)).toEqual([problem]);
  });

  it.each([
    [{ TOKEN_FILE: 'a' }, () => 'secret\r\n', { TOKEN: 'secret' }],
    [{ TOKEN_FILE: '' }, () => 'unused', {}],
  ])('secretsFromFiles(%j)', (raw, read, values) => {
    expect(secretsFromFiles(raw, schema.secrets, read)).toEqual({ values, problems: [] });
  });
});
