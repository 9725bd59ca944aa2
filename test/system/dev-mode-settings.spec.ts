import {
  functionEndpoints,
  gatewayEnvironment,
  managerEnvironment,
} from '../../scripts/dev/app-environments';
import { exampleRoute, READY_LINE, readyBanner } from '../../scripts/dev/banner';
import {
  DEFAULT_APP,
  DevUsageError,
  generatorArguments,
  readDevSettings,
} from '../../scripts/dev/settings';

const folders = new Set(['apps/shop']);
const isDirectory = (path: string) => folders.has(path);
const settingsFor = (env: Record<string, string> = {}, argv: string[] = []) =>
  readDevSettings(env, argv, '/repo', isDirectory);

describe('generatorArguments', () => {
  it.each([
    [
      'examples/hello-app/generator.yml',
      undefined,
      ['--config', 'examples/hello-app/generator.yml'],
    ],
    ['apps/shop', undefined, ['--config', 'apps/shop/generator.yml']],
    ['x/generator.yaml', '/tmp/o', ['--config', 'x/generator.yaml', '--out', '/tmp/o']],
    [
      'sam/app/template.yaml',
      undefined,
      ['--template', 'sam/app/template.yaml', '--out', '.onpre/generated/app'],
    ],
    ['sam/app/template.yaml', '/tmp/o', ['--template', 'sam/app/template.yaml', '--out', '/tmp/o']],
  ])('%s (out %s) → %j', (app, out, expected) => {
    expect(generatorArguments(app, out, isDirectory)).toEqual(expected);
  });
});

describe('readDevSettings', () => {
  it('defaults: the example app, the apps’ default ports, instance dev, embedded services', () => {
    const settings = settingsFor();
    expect(settings).toMatchObject({
      generatorArgs: ['--config', DEFAULT_APP],
      gatewayPort: 8443,
      managerPort: 8081,
      managerInstance: 'dev',
      lambdaNetwork: 'onpre-internal-network',
      s3Port: 9000,
      dynamodbPort: 8000,
      relayPort: 8444,
      dataDir: '.onpre/data',
      cloudWatchLogsPath: '/cloudwatch-logs',
      external: {},
      gatewayTls: true,
      credentials: {
        apiKey: 'dev-api-key-change-in-production',
        user: 'onpremise-user',
        password: 'onpremise-pass',
        managerToken: 'dev-manager-token-change-in-production',
      },
      functionKeys: { accessKeyId: 'onpre-local', secretAccessKey: 'onpre-local-secret' },
    });
  });

  it('takes the app from --app (both spellings) before ONPRE_APP', () => {
    expect(settingsFor({ ONPRE_APP: 'a/generator.yml' }).generatorArgs[1]).toBe('a/generator.yml');
    expect(settingsFor({ ONPRE_APP: 'a' }, ['--app', 'apps/shop']).generatorArgs[1]).toBe(
      'apps/shop/generator.yml',
    );
    expect(settingsFor({}, ['--app=b/generator.yml']).generatorArgs[1]).toBe('b/generator.yml');
  });

  it('reads paths the user gives relative to the folder npm was started in (INIT_CWD)', () => {
    const settings = settingsFor({
      INIT_CWD: '/repo/apps',
      ONPRE_APP: 'shop',
      ONPRE_OUT: '/tmp/out',
      ONPRE_DATA_DIR: 'data',
    });
    expect(settings.generatorArgs).toEqual([
      '--config',
      'apps/shop/generator.yml',
      '--out',
      '/tmp/out',
    ]);
    expect(settings.dataDir).toBe('apps/data');
    expect(settingsFor({ INIT_CWD: '/repo/apps' }).generatorArgs).toEqual([
      '--config',
      DEFAULT_APP,
    ]);
  });

  it('passes the user’s variables through: ports, secrets, endpoints, plain HTTP', () => {
    const settings = settingsFor({
      GATEWAY_PORT: '9443',
      ONPRE_S3_PORT: '0',
      X_API_KEY: 'my-key-123',
      FUNCTION_AWS_ENDPOINT_URL_S3: 'http://minio:9000',
      GATEWAY_TLS: 'false',
    });
    expect(settings).toMatchObject({
      gatewayPort: 9443,
      s3Port: 0,
      external: { s3: 'http://minio:9000' },
      gatewayTls: false,
      credentials: { apiKey: 'my-key-123' },
    });
  });

  it.each([
    [{ MANAGER_PORT: 'x' }, [], /MANAGER_PORT must be a port number \(1-65535\)/],
    [{ GATEWAY_PORT: '0' }, [], /GATEWAY_PORT/],
    [{ ONPRE_S3_PORT: '70000' }, [], /ONPRE_S3_PORT/],
    [{}, ['--template', 't.yaml'], /unknown arguments/],
    [{}, ['--app', 'a', 'extra'], /unknown arguments/],
  ])('rejects %j %j', (env, argv, message) => {
    expect(() => settingsFor(env, argv)).toThrow(DevUsageError);
    expect(() => settingsFor(env, argv)).toThrow(message);
  });
});

describe('app environments', () => {
  const host = { hostIp: '172.30.0.1', s3Port: 9000, dynamodbPort: 8000, relayPort: 8444 };

  it('functions reach the embedded services and the relay on the network gateway address', () => {
    expect(functionEndpoints(settingsFor(), host)).toEqual({
      FUNCTION_AWS_ENDPOINT_URL_S3: 'http://172.30.0.1:9000',
      FUNCTION_AWS_ENDPOINT_URL_DYNAMODB: 'http://172.30.0.1:8000',
      FUNCTION_AWS_ENDPOINT_URL_LAMBDA: 'http://172.30.0.1:8444',
      FUNCTION_AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: 'http://172.30.0.1:8444/cloudwatch-logs',
    });
  });

  it('an endpoint the user set wins and needs no embedded service', () => {
    const settings = settingsFor({ FUNCTION_AWS_ENDPOINT_URL_DYNAMODB: 'http://scylla:8000' });
    expect(functionEndpoints(settings, { hostIp: '172.30.0.1', s3Port: 9000 })).toEqual({
      FUNCTION_AWS_ENDPOINT_URL_S3: 'http://172.30.0.1:9000',
      FUNCTION_AWS_ENDPOINT_URL_DYNAMODB: 'http://scylla:8000',
    });
  });

  it('the Manager gets the generated functions file, published mode and the dev instance', () => {
    const env = managerEnvironment(
      { ADDRESS_MODE: 'network', KEEP: '1' },
      settingsFor(),
      'out/functions.yml',
      host,
    );
    expect(env).toMatchObject({
      KEEP: '1',
      LOG_LEVEL: 'warn',
      FUNCTIONS_FILE: 'out/functions.yml',
      ADDRESS_MODE: 'published',
      MANAGER_PORT: '8081',
      MANAGER_INSTANCE: 'dev',
      LAMBDA_NETWORK: 'onpre-internal-network',
      FUNCTION_AWS_ENDPOINT_URL_LAMBDA: 'http://172.30.0.1:8444',
    });
  });

  it('the Gateway listens on loopback unless told otherwise and finds the Manager', () => {
    expect(gatewayEnvironment({}, settingsFor(), 'out/routing.yml')).toMatchObject({
      LOG_LEVEL: 'warn',
      ROUTING_FILE: 'out/routing.yml',
      GATEWAY_PORT: '8443',
      GATEWAY_HOST: '127.0.0.1',
      MANAGER_URL: 'http://127.0.0.1:8081',
    });
    expect(
      gatewayEnvironment({ GATEWAY_HOST: '0.0.0.0' }, settingsFor(), 'r.yml').GATEWAY_HOST,
    ).toBe('0.0.0.0');
  });
});

describe('ready banner', () => {
  const routes = [
    { method: 'GET', path: '/files/{key}' },
    { method: 'GET', path: '/hello' },
  ];

  it.each([
    [routes, '/hello'],
    [[{ method: 'POST', path: '/invoke' }], '/invoke'],
    [[], '/'],
  ])('example route of %j is %s', (list, expected) => {
    expect(exampleRoute(list)).toBe(expected);
  });

  it('prints the URL, the endpoints and copy-paste login and call commands', () => {
    const banner = readyBanner({
      settings: settingsFor(),
      host: { hostIp: '172.30.0.1', s3Port: 9000 },
      outDir: 'out',
      routes,
      certificateFile: '.onpre/tls/gateway.crt',
      startupSeconds: 3.21,
    });
    expect(banner.split('\n')[0]).toBe(`${READY_LINE} (3.2 s)`);
    expect(banner).toContain('gateway   https://127.0.0.1:8443');
    expect(banner).toContain('S3               http://172.30.0.1:9000');
    expect(banner).toContain(
      'curl --cacert .onpre/tls/gateway.crt -s -X POST https://127.0.0.1:8443/user/auth/ver1.0',
    );
    expect(banner).toContain("-H 'x-api-key: dev-api-key-change-in-production'");
    expect(banner).toContain(
      `-d '{"AuthParameters":{"USERNAME":"onpremise-user","PASSWORD":"onpremise-pass"}}'`,
    );
    expect(banner).toContain('https://127.0.0.1:8443/hello -H "Authorization: Bearer $TOKEN"');
    expect(banner).not.toContain('schedules');
  });

  it('lists the schedules with how to run one by hand', () => {
    const banner = readyBanner({
      settings: settingsFor(),
      host: { hostIp: '172.30.0.1', s3Port: 9000 },
      outDir: 'out',
      routes,
      schedules: {
        WorkerEvery5: { function: 'Worker', expression: 'rate(5 minutes)', enabled: true },
        Nightly: { function: 'Report', expression: 'cron(0 2 * * ? *)', enabled: false },
      },
      startupSeconds: 1,
    });
    expect(banner).toContain('    WorkerEvery5 → Worker  rate(5 minutes)\n');
    expect(banner).toContain('    Nightly → Report  cron(0 2 * * ? *) (disabled)\n');
    expect(banner).toContain('npm run schedules -- trigger <name>');
  });
  it('lists the function URLs with their address, auth type and invoke mode', () => {
    const banner = readyBanner({
      settings: settingsFor(),
      host: { hostIp: '172.30.0.1', s3Port: 9000 },
      outDir: 'out',
      routes,
      functionUrls: {
        urlFn: { authType: 'NONE', invokeMode: 'BUFFERED' },
        streamFn: { authType: 'AWS_IAM', invokeMode: 'RESPONSE_STREAM' },
      },
      startupSeconds: 1,
    });
    expect(banner).toContain('  function URLs\n');
    expect(banner).toContain('    urlFn → https://127.0.0.1:8443/lambda-url/urlFn/  (NONE)\n');
    expect(banner).toContain(
      '    streamFn → https://127.0.0.1:8443/lambda-url/streamFn/  (AWS_IAM, streaming)\n',
    );
  });
});
