import { buildAppImages, IMAGE_TAG, runCommand } from './packaging-support';
import { testDocker } from '../support/docker';

const MB = 1_000_000;

describe('app images (built offline on the local base image)', () => {
  const docker = testDocker();
  let buildOutput = '';

  beforeAll(async () => {
    buildOutput = (await buildAppImages(false))?.stdout ?? '';
  });

  it('builds gateway, manager and stand-ins and reports their sizes', () => {
    for (const image of ['gateway', 'manager', 'standins']) {
      expect(buildOutput).toMatch(
        new RegExp(`built onpre-lambda/${image}:${IMAGE_TAG} in \\d+s \\(\\d+ MB\\)`),
      );
    }
  });

  it.each([
    ['gateway', '8443/tcp'],
    ['manager', '8081/tcp'],
  ])('%s: non-root, production, health-checked, app layers small', async (app, port) => {
    const image = await docker.getImage(`onpre-lambda/${app}:${IMAGE_TAG}`).inspect();
    const base = await docker.getImage('onpre-lambda/base-node:20').inspect();
    expect(image.Config.User).toBe('65534:65534');
    expect(image.Config.Env).toContain('NODE_ENV=production');
    expect(Object.keys(image.Config.ExposedPorts ?? {})).toEqual([port]);
    expect((image.Config as { Healthcheck?: { Test?: string[] } }).Healthcheck?.Test?.[0]).toBe(
      'CMD',
    );
    expect(image.Size - base.Size).toBeLessThan(80 * MB);
  });

  it('the Gateway and the Manager share the production node_modules layer', async () => {
    const layers = async (app: string) =>
      (await docker.getImage(`onpre-lambda/${app}`).inspect()).RootFS.Layers ?? [];
    const gateway = await layers(`gateway:${IMAGE_TAG}`);
    const manager = await layers(`manager:${IMAGE_TAG}`);
    const base = await layers('base-node:20');
    const shared = gateway.filter((layer) => manager.includes(layer));
    // The base image's layers, then WORKDIR /app and node_modules; only the app code differs.
    expect(shared).toEqual(gateway.slice(0, base.length + 2));
    expect(gateway).toHaveLength(base.length + 4);
  });

  it('the Manager image refuses production defaults with one message and exit code 1', async () => {
    const result = await runCommand('docker', [
      'run',
      '--rm',
      '--label',
      'onpre-lambda.test=packaging',
      `onpre-lambda/manager:${IMAGE_TAG}`,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Invalid configuration:');
    expect(result.stderr).toContain('MANAGER_TOKEN: is required in production');
  });
});
