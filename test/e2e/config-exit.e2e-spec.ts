import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The built apps (npm run build) refuse bad configuration with one message and a non-zero exit. */
const mains = {
  gateway: 'dist/apps/gateway/apps/gateway/src/main.js',
  manager: 'dist/apps/manager/apps/manager/src/main.js',
};

function run(main: string, env: Record<string, string>) {
  const result = spawnSync(process.execPath, [join(__dirname, '../..', main)], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: result.status, stderr: result.stderr, stdout: result.stdout };
}

describe.each(Object.entries(mains))('%s start-up configuration', (_name, main) => {
  beforeAll(() => {
    if (!existsSync(join(__dirname, '../..', main))) {
      throw new Error(`${main} is missing: run \`npm run build\` first (npm test does)`);
    }
  });

  it('refuses development-default and missing secrets in production, listing each', () => {
    const { status, stderr, stdout } = run(main, {
      NODE_ENV: 'production',
      MANAGER_TOKEN: 'dev-manager-token-change-in-production',
      LOG_LEVEL: 'LOUD',
    });
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^Invalid configuration:\n/);
    expect(stderr).toContain('MANAGER_TOKEN: must not be the development default in production');
    expect(stderr).toContain('LOG_LEVEL: must be one of DEBUG, INFO, WARNING, ERROR');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
