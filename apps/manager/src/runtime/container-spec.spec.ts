import { INSTANCE_LABEL, LABELS } from '@app/contracts';
import type { FunctionConfig } from '../config/functions-file';
import { configHash, containerEnvironment } from '../config/function-environment';
import { buildContainerSpec, cpuLimit } from './container-spec';

const fn: FunctionConfig = {
  name: 'hello',
  image: 'fn-hello:latest',
  environment: { TABLE: 'users', AWS_REGION: 'us-east-1', AWS_LAMBDA_FUNCTION_NAME: 'spoof' },
  timeout: 10,
  memorySize: 256,
  reservedConcurrency: 4,
  provisionedConcurrency: 0,
};
const injected = { AWS_REGION: 'ap-northeast-1', AWS_ENDPOINT_URL_S3: 'http://s3:9000' };

describe('containerEnvironment', () => {
  it('layers injected endpoints, then function variables, then the reserved AWS_LAMBDA_* ones', () => {
    expect(containerEnvironment(fn, injected)).toEqual({
      AWS_ENDPOINT_URL_S3: 'http://s3:9000',
      AWS_REGION: 'us-east-1',
      TABLE: 'users',
      AWS_LAMBDA_FUNCTION_NAME: 'hello',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_TIMEOUT: '10',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
    });
  });

  it("adds the function's invoke token last: a function variable cannot replace it", () => {
    const spoofing = { ...fn, environment: { ONPRE_INVOKE_TOKEN: 'mine' }, invokeToken: 'tok' };
    expect(containerEnvironment(spoofing, injected)).toMatchObject({ ONPRE_INVOKE_TOKEN: 'tok' });
    expect(containerEnvironment(fn, injected)).not.toHaveProperty('ONPRE_INVOKE_TOKEN');
  });
});

describe('configHash', () => {
  const base = configHash(fn, injected);
  it.each([
    ['the image', { ...fn, image: 'fn-hello:v2' }, injected, true],
    ['a function variable', { ...fn, environment: { TABLE: 'other' } }, injected, true],
    ['the timeout', { ...fn, timeout: 11 }, injected, true],
    ['the memory size', { ...fn, memorySize: 512 }, injected, true],
    ['the invoke token (a new shared secret)', { ...fn, invokeToken: 't2' }, injected, true],
    ['an injected endpoint', fn, { ...injected, AWS_ENDPOINT_URL_S3: 'http://x' }, true],
    ['the reserved concurrency', { ...fn, reservedConcurrency: 9 }, injected, false],
    ['nothing', { ...fn }, { ...injected }, false],
  ])('changing %s changes the hash: %s', (_what, changed, changedInjected, differs) => {
    expect(configHash(changed, changedInjected) !== base).toBe(differs);
  });
});

describe('buildContainerSpec', () => {
  it('carries the files for the container only when there are some', () => {
    const now = new Date();
    const files = [{ path: '/etc/onpre/ca.pem', content: Buffer.from('PEM') }];
    expect(buildContainerSpec(fn, 1, { injected, instance: 'dev', now, files }).files).toEqual(
      files,
    );
    expect(buildContainerSpec(fn, 1, { injected, instance: 'dev', now }).files).toBeUndefined();
  });

  it('names the slot, labels ownership and sets limits', () => {
    const now = new Date('2026-11-28T12:00:00.000Z');
    const spec = buildContainerSpec(fn, 2, { injected, instance: 'dev', now });
    expect(spec.name).toBe('lambda-hello-2');
    expect(spec.memoryBytes).toBe(256 * 1024 * 1024);
    expect(spec.pidsLimit).toBeGreaterThan(0);
    expect(spec).toMatchObject({
      user: '993:990',
      tmpBytes: 512 * 1024 * 1024,
      log: { maxBytes: 10 * 1024 * 1024, maxFiles: 3 },
    });
    expect(spec.labels).toEqual({
      [LABELS.managed]: 'true',
      [LABELS.function]: 'hello',
      [LABELS.configHash]: configHash(fn, injected),
      [LABELS.createdAt]: now.toISOString(),
      [LABELS.slot]: '2',
      [INSTANCE_LABEL]: 'dev',
    });
  });
});

describe('cpuLimit: one vCPU per 1,769 MB as on Lambda, floored and capped to the engine', () => {
  it.each([
    [1769, 8, 1e9],
    [3538, 8, 2e9],
    [10240, 8, 5.788581e9],
    [10240, 2, 2e9],
    [128, 8, 1e9],
    [512, 8, 1e9],
    [1769, 0.5, 0.5e9],
  ])('%d MB on %d CPUs → %d nano-CPUs', (memory, host, nano) => {
    expect(cpuLimit(memory, host)).toBeCloseTo(nano, -4);
  });
});
