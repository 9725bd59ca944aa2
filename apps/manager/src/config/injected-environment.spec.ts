import { validateEnvironment } from '@app/platform';
import { injectedEnvironment } from './injected-environment';
import { MANAGER_ENV_SCHEMA } from './manager-env';

describe('injectedEnvironment', () => {
  const envWith = (raw: Record<string, string>) =>
    injectedEnvironment(validateEnvironment(MANAGER_ENV_SCHEMA, { NODE_ENV: 'test', ...raw }));

  it('gives every function the AWS SDK endpoints, region and credentials', () => {
    expect(envWith({ FUNCTION_AWS_ENDPOINT_URL_S3: 'http://s3:9000' })).toMatchObject({
      AWS_ENDPOINT_URL_S3: 'http://s3:9000',
      AWS_REGION: 'ap-northeast-1',
      AWS_DEFAULT_REGION: 'ap-northeast-1',
      AWS_ACCESS_KEY_ID: 'onpre-local',
      AWS_SECRET_ACCESS_KEY: 'onpre-local-secret',
    });
  });

  it.each([
    [{}, undefined],
    [{ FUNCTION_LOG_LEVEL: 'debug' }, 'DEBUG'],
    [{ FUNCTION_LOG_LEVEL: 'INFO' }, 'INFO'],
  ])('FUNCTION_LOG_LEVEL %j → AWS_LAMBDA_LOG_LEVEL %j', (raw, level) => {
    expect(envWith(raw).AWS_LAMBDA_LOG_LEVEL).toBe(level);
  });

  it.each([
    [{}, undefined],
    [{ FUNCTION_CA_FILE: '/app/gateway-tls/gateway.crt' }, '/etc/onpre/ca.pem'],
  ])('FUNCTION_CA_FILE %j → NODE_EXTRA_CA_CERTS %j', (raw, path) => {
    expect(envWith(raw).NODE_EXTRA_CA_CERTS).toBe(path);
  });

  it('refuses a level Lambda does not know', () => {
    expect(() => envWith({ FUNCTION_LOG_LEVEL: 'loud' })).toThrow(
      'FUNCTION_LOG_LEVEL: must be one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL',
    );
  });
});
