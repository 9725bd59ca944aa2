import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const REPO_ROOT = join(__dirname, '..', '..');

/** Secrets and host values a Compose run needs (test values; production refuses dev defaults). */
export const TEST_COMPOSE_ENV: Record<string, string> = {
  X_API_KEY: 'pkgtest-api-key-0123456789',
  JWT_SECRET_KEY: 'pkgtest-jwt-secret-0123456789abcdef0123456789',
  AUTH_USER: 'pkgtest-user',
  AUTH_PASS: 'pkgtest-pass-0123',
  MANAGER_TOKEN: 'pkgtest-manager-token-0123456789',
  FUNCTION_AWS_ACCESS_KEY_ID: 'pkgtest-access-key',
  FUNCTION_AWS_SECRET_ACCESS_KEY: 'pkgtest-secret-key-0123456789',
  DOCKER_GID: '0',
};

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command in the repository root; never throws on a non-zero exit. The default timeout stays
 * under the docker tier's test timeout (test/support/docker-timeout.ts): image builds on a loaded
 * 2-core machine took over 170 s.
 */
export async function runCommand(
  file: string,
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 400_000,
): Promise<CommandResult> {
  try {
    const { stdout, stderr } = await run(file, args, {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env },
      timeout: timeoutMs,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof failed.code === 'number' ? failed.code : 1,
      stdout: failed.stdout ?? '',
      stderr: failed.stderr ?? String(error),
    };
  }
}

/**
 * `docker-compose` with an explicit, empty-by-default env file so a developer's `.env` never leaks
 * into a test, and only the variables given here.
 */
export async function compose(
  files: string[],
  args: string[],
  env: Record<string, string>,
): Promise<CommandResult> {
  const dir = mkdtempSync(join(tmpdir(), 'pkgtest-env-'));
  try {
    writeFileSync(join(dir, '.env'), '');
    const fileArgs = files.flatMap((file) => ['-f', file]);
    return await runCommand(
      'docker-compose',
      ['--env-file', join(dir, '.env'), ...fileArgs, ...args],
      env,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Tag of the app images the tests build and run (another tag keeps parallel runs apart). */
export const IMAGE_TAG = process.env.PACKAGING_IMAGE_TAG ?? 'latest';
export const APP_IMAGES = {
  GATEWAY_IMAGE: `onpre-lambda/gateway:${IMAGE_TAG}`,
  MANAGER_IMAGE: `onpre-lambda/manager:${IMAGE_TAG}`,
  STANDINS_IMAGE: `onpre-lambda/standins:${IMAGE_TAG}`,
};

/** Creation time of an image, or undefined when it does not exist. */
async function imageCreatedAt(tag: string): Promise<number | undefined> {
  const result = await runCommand('docker', ['image', 'inspect', '-f', '{{.Created}}', tag]);
  return result.code === 0 ? Date.parse(result.stdout.trim()) : undefined;
}

/** What each image is built from (the Nest build rewrites main.js with the rest of dist/). */
const IMAGE_SOURCES: Record<keyof typeof APP_IMAGES, string> = {
  GATEWAY_IMAGE: 'dist/apps/gateway/apps/gateway/src/main.js',
  MANAGER_IMAGE: 'dist/apps/manager/apps/manager/src/main.js',
  STANDINS_IMAGE: 'docker/standins/standin.js',
};

/**
 * Builds the app and stand-in images with `scripts/images-apps.sh` on the locally imported base
 * (the compiled apps in dist/ are used as they are) unless `onlyIfStale` and every image is newer
 * than what it is built from (the compiled app, the stand-ins' script).
 */
export async function buildAppImages(onlyIfStale: boolean): Promise<CommandResult | undefined> {
  if (onlyIfStale) {
    const entries = Object.entries(APP_IMAGES) as Array<[keyof typeof APP_IMAGES, string]>;
    const fresh = await Promise.all(
      entries.map(async ([name, tag]) => {
        const built = (await imageCreatedAt(tag)) ?? 0;
        return built > statSync(join(REPO_ROOT, IMAGE_SOURCES[name])).mtimeMs;
      }),
    );
    if (fresh.every(Boolean)) return undefined;
  }
  const result = await runCommand('bash', ['scripts/images-apps.sh'], {
    SKIP_BUILD: '1',
    TAG: IMAGE_TAG,
    BASE_IMAGE: process.env.BASE_IMAGE ?? 'onpre-lambda/base-node:20',
  });
  if (result.code !== 0)
    throw new Error(`images-apps.sh failed:\n${result.stdout}\n${result.stderr}`);
  return result;
}
