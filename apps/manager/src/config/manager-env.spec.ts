import 'reflect-metadata';
import { EnvironmentError, validateEnvironment } from '@app/platform';
import { MANAGER_ENV_SCHEMA } from './manager-env';

const validate = (env: Record<string, string>) => validateEnvironment(MANAGER_ENV_SCHEMA, env);

describe('ManagerEnv', () => {
  it('has working defaults outside production', () => {
    const env = validate({});
    expect(env).toMatchObject({
      ADDRESS_MODE: 'published',
      DOCKER_SOCKET: '/var/run/docker.sock',
      LAMBDA_NETWORK: 'onpre-internal-network',
      DEFAULT_RESERVED_CONCURRENCY: 10,
      MANAGER_INSTANCE: 'default',
    });
    expect(env.idleTimeoutMs).toBe(5 * 60_000);
  });

  it.each([
    [{ IDLE_TIMEOUT_MINUTES: '0.5' }, 30_000],
    [{ IDLE_TIMEOUT_MINUTES: '0.5', IDLE_TIMEOUT_SECONDS: '2' }, 2_000],
  ])('derives the idle timeout from %j', (vars, ms) => {
    expect(validate(vars).idleTimeoutMs).toBe(ms);
  });

  it('lists every bad variable at once', () => {
    let problems: string[] = [];
    try {
      validate({
        ADDRESS_MODE: 'bridge',
        READY_TIMEOUT_SECONDS: 'soon',
        FUNCTION_AWS_ENDPOINT_URL_S3: 'not a url',
        MANAGER_INSTANCE: 'has space',
      });
    } catch (error) {
      problems = (error as EnvironmentError).problems;
    }
    expect(problems).toEqual(
      expect.arrayContaining([
        'ADDRESS_MODE: must be one of published, network',
        expect.stringMatching(/^READY_TIMEOUT_SECONDS: /),
        expect.stringMatching(/^FUNCTION_AWS_ENDPOINT_URL_S3: /),
        'MANAGER_INSTANCE: must match [A-Za-z0-9_.-]{1,64}',
      ]),
    );
  });
});
