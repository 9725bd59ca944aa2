import 'reflect-metadata';
import { FunctionsFileError, parseFunctionsFile } from './functions-file';

const parse = (text: string, env: Record<string, string> = {}) =>
  parseFunctionsFile(text, 'config/functions.yml', env, 10);

function problemsOf(text: string, env: Record<string, string> = {}): string[] {
  try {
    parse(text, env);
  } catch (error) {
    expect(error).toBeInstanceOf(FunctionsFileError);
    expect((error as Error).message).toContain('config/functions.yml');
    return (error as FunctionsFileError).problems;
  }
  throw new Error('expected the file to be rejected');
}

describe('parseFunctionsFile', () => {
  it('applies AWS defaults, file defaults and the configured reserved concurrency', () => {
    const functions = parse(`
defaults:
  environment: { LOG: info, STAGE: dev }
  memorySize: 256
functions:
  hello:
    image: fn-hello:latest
    environment: { STAGE: prod, PORT: 8080, DEBUG: false }
`);
    expect(functions.get('hello')).toEqual({
      name: 'hello',
      image: 'fn-hello:latest',
      environment: { LOG: 'info', STAGE: 'prod', PORT: '8080', DEBUG: 'false' },
      timeout: 3,
      memorySize: 256,
      reservedConcurrency: 10,
      provisionedConcurrency: 0,
    });
  });

  it.each([
    ['${FUNCTION_ENV_TABLE}', { FUNCTION_ENV_TABLE: 'users' }, 'users'],
    ['${FUNCTION_ENV_TABLE:-fallback}', {}, 'fallback'],
    ['${FUNCTION_ENV_TABLE:-fallback}', { FUNCTION_ENV_TABLE: 'set' }, 'set'],
    [
      'p-${FUNCTION_ENV_A}-${FUNCTION_ENV_B}',
      { FUNCTION_ENV_A: '1', FUNCTION_ENV_B: '2' },
      'p-1-2',
    ],
    ['no variables', {}, 'no variables'],
    ['$${MANAGER_TOKEN}', { MANAGER_TOKEN: 'secret' }, '${MANAGER_TOKEN}'],
    ['$$${FUNCTION_ENV_A}', { FUNCTION_ENV_A: 'x' }, '$${FUNCTION_ENV_A}'],
    ['cost: $$5 and $x', {}, 'cost: $$5 and $x'],
  ])('expands %s', (value, env, expected) => {
    const functions = parse(
      `functions:\n  f:\n    image: i\n    environment:\n      V: "${value}"\n`,
      env,
    );
    expect(functions.get('f')?.environment.V).toBe(expected);
  });

  it.each([
    [
      'an unset variable, naming the field',
      'functions:\n  f:\n    image: i\n    environment: { T: "${FUNCTION_ENV_NOPE}" }',
      'functions.f.environment.T: variable ${FUNCTION_ENV_NOPE} is not set',
    ],
    [
      "the Manager's own token",
      'functions:\n  f:\n    image: i\n    environment: { T: "${MANAGER_TOKEN}" }',
      'functions.f.environment.T: variable ${MANAGER_TOKEN} is not allowed: only FUNCTION_ENV_* variables are expanded (write $${ for a literal ${)',
    ],
    [
      "the Manager's Docker socket, even with a fallback",
      'functions:\n  f:\n    image: i\n    environment: { T: "${DOCKER_SOCKET:-x}" }',
      'functions.f.environment.T: variable ${DOCKER_SOCKET} is not allowed: only FUNCTION_ENV_* variables are expanded (write $${ for a literal ${)',
    ],
    [
      'a variable in an image reference',
      'functions:\n  f:\n    image: "${FUNCTION_AWS_SECRET_ACCESS_KEY}"',
      'functions.f.image: variable ${FUNCTION_AWS_SECRET_ACCESS_KEY} is not allowed: only FUNCTION_ENV_* variables are expanded (write $${ for a literal ${)',
    ],
    [
      'a name with =',
      'functions:\n  f:\n    image: i\n    environment: { "EVIL=KEY": value }',
      'functions.f.environment: "EVIL=KEY" is not a valid variable name ([A-Za-z_][A-Za-z0-9_]*)',
    ],
    [
      'a name starting with a digit',
      'functions:\n  f:\n    image: i\n    environment: { 1X: value }',
      'functions.f.environment: "1X" is not a valid variable name ([A-Za-z_][A-Za-z0-9_]*)',
    ],
    [
      'a default name with a newline',
      'defaults:\n  environment: { "A\\nB": v }\nfunctions:\n  f: { image: i }',
      'defaults.environment: "A\\nB" is not a valid variable name ([A-Za-z_][A-Za-z0-9_]*)',
    ],
    [
      'a missing image',
      'functions:\n  f:\n    timeout: 3',
      'functions.f.image: is required (a Docker image reference)',
    ],
    [
      'a bad timeout',
      'functions:\n  f: { image: i, timeout: 0 }',
      'functions.f.timeout: must be an integer from 1 to 900',
    ],
    [
      'a bad memory size',
      'functions:\n  f: { image: i, memorySize: 64 }',
      'functions.f.memorySize: must be an integer from 128 to 10240',
    ],
    [
      'a fractional concurrency',
      'functions:\n  f: { image: i, reservedConcurrency: 1.5 }',
      'functions.f.reservedConcurrency: must be an integer from 1 to 1000',
    ],
    [
      'provisioned concurrency above the reserved concurrency',
      'functions:\n  f: { image: i, reservedConcurrency: 2, provisionedConcurrency: 3 }',
      'functions.f.provisionedConcurrency: 3 is more than reservedConcurrency (2)',
    ],
    [
      'a bad name',
      'functions:\n  "bad name": { image: i }',
      'functions.bad name: function names must match [A-Za-z0-9_-]{1,64}',
    ],
    [
      'nested environment values',
      'functions:\n  f: { image: i, environment: { A: { b: 1 } } }',
      'functions.f.environment.A: must be a string, number or boolean',
    ],
    ['no functions map', 'defaults: {}', 'functions: must be a map of function names'],
  ])('rejects %s', (_case, text, problem) => {
    expect(problemsOf(text)).toContain(problem);
  });

  it('reports every problem at once', () => {
    expect(
      problemsOf('functions:\n  a: { timeout: 0 }\n  b: { image: i, memorySize: 1 }'),
    ).toHaveLength(3);
  });

  it('rejects text that is not YAML', () => {
    expect(problemsOf('functions: [unclosed')[0]).toMatch(/^not valid YAML/);
  });
});
