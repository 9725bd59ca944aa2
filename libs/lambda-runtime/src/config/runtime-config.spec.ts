import {
  invokedFunctionArn,
  logStreamName,
  readRuntimeConfig,
  RuntimeConfigError,
  runtimeProcessEnv,
} from './runtime-config';

const NOW = new Date('2026-11-28T10:00:00Z');
const HEX = 'ab'.repeat(16);
const read = (env: Record<string, string>, args: string[] = ['app.handler']) =>
  readRuntimeConfig(env, args, NOW, HEX);

describe('readRuntimeConfig', () => {
  it('applies Lambda defaults', () => {
    expect(read({})).toEqual({
      family: 'nodejs',
      handler: 'app.handler',
      functionName: 'test_function',
      functionVersion: '$LATEST',
      memorySizeMb: 128,
      timeoutMs: 3000,
      region: 'us-east-1',
      accountId: '000000000000',
      taskRoot: '/var/task',
      runtimeDir: '/var/runtime',
      logGroupName: '/aws/lambda/test_function',
      logStreamName: `2026/11/28/[$LATEST]${HEX}`,
      invokePort: 8080,
      runtimeApiPort: 9001,
      initTimeoutMs: 10000,
      applicationLogLevel: 'TRACE',
    });
  });

  it.each([
    ['DEBUG', 'DEBUG'],
    ['info', 'INFO'],
    ['WARNING', 'WARN'],
    ['', 'TRACE'],
  ])('reads AWS_LAMBDA_LOG_LEVEL %j as %s', (raw, level) => {
    expect(read({ AWS_LAMBDA_LOG_LEVEL: raw }).applicationLogLevel).toBe(level);
  });

  it('reads what the Manager sets on each container', () => {
    const config = read({
      ONPRE_LAMBDA_RUNTIME: 'python',
      AWS_LAMBDA_FUNCTION_NAME: 'orders',
      AWS_LAMBDA_FUNCTION_TIMEOUT: '1.5',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
      AWS_REGION: 'ap-northeast-1',
    });
    expect(config).toMatchObject({
      family: 'python',
      functionName: 'orders',
      timeoutMs: 1500,
      memorySizeMb: 512,
      region: 'ap-northeast-1',
      logGroupName: '/aws/lambda/orders',
    });
  });

  it.each([
    ['the command', ['cmd.handler'], { _HANDLER: 'env.handler' }, 'cmd.handler'],
    ['_HANDLER', [], { _HANDLER: 'env.handler' }, 'env.handler'],
  ])('takes the handler from %s', (_name, args, env, handler) => {
    expect(read(env, args).handler).toBe(handler);
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      read(
        {
          ONPRE_LAMBDA_RUNTIME: 'cobol',
          AWS_LAMBDA_FUNCTION_TIMEOUT: '0',
          AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1.5',
          ONPRE_LAMBDA_INVOKE_PORT: '70000',
          AWS_LAMBDA_LOG_LEVEL: 'LOUD',
        },
        [],
      );
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RuntimeConfigError);
    expect((error as RuntimeConfigError).problems).toEqual([
      'ONPRE_LAMBDA_RUNTIME must be one of nodejs, python, provided, go1.x, java, ruby, got "cobol"',
      'no handler: pass it as the command (CMD ["app.handler"]) or _HANDLER',
      'AWS_LAMBDA_FUNCTION_TIMEOUT must be a positive number, got "0"',
      'AWS_LAMBDA_FUNCTION_MEMORY_SIZE must be a positive integer, got "1.5"',
      'ONPRE_LAMBDA_INVOKE_PORT must be at most 65535, got 70000',
      'AWS_LAMBDA_LOG_LEVEL must be one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL, got "LOUD"',
    ]);
  });
});

describe('derived values', () => {
  it('builds the function ARN and the log stream name', () => {
    const config = read({ AWS_LAMBDA_FUNCTION_NAME: 'f', AWS_REGION: 'eu-west-1' });
    expect(invokedFunctionArn(config)).toBe('arn:aws:lambda:eu-west-1:000000000000:function:f');
    expect(logStreamName(NOW, '7', 'cd')).toBe('2026/11/28/[7]cd');
  });

  it("keeps the invoke token for the supervisor: the function's process never sees it", () => {
    const config = read({ AWS_LAMBDA_FUNCTION_NAME: 'f', ONPRE_INVOKE_TOKEN: 'tok-1' });
    expect(config.invokeToken).toBe('tok-1');
    const env = runtimeProcessEnv(config, { PATH: '/usr/bin', ONPRE_INVOKE_TOKEN: 'tok-1' });
    expect(env).not.toHaveProperty('ONPRE_INVOKE_TOKEN');
    expect(read({ AWS_LAMBDA_FUNCTION_NAME: 'f' }).invokeToken).toBeUndefined();
  });

  it('gives the runtime client the standard Lambda environment on top of the container one', () => {
    const config = read({ AWS_LAMBDA_FUNCTION_NAME: 'f' });
    const env = runtimeProcessEnv(config, { PATH: '/usr/bin', MY_SETTING: 'x', TZ: 'Asia/Tokyo' });
    expect(env).toMatchObject({
      PATH: '/usr/bin',
      MY_SETTING: 'x',
      _HANDLER: 'app.handler',
      AWS_LAMBDA_FUNCTION_NAME: 'f',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
      AWS_LAMBDA_RUNTIME_API: '127.0.0.1:9001',
      LAMBDA_TASK_ROOT: '/var/task',
      LAMBDA_RUNTIME_DIR: '/var/runtime',
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      TZ: 'Asia/Tokyo',
    });
  });
});
