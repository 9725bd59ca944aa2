// Cold-start measurement shared by bench/cold-start.mjs and bench/cold-start-runtimes.mjs: build a
// throw-away image, then time create + start of a container until its first HTTP 200.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { freePort } from './support.mjs';

export const INVOKE_PATH = '/2015-03-31/functions/function/invocations';
const docker = new Docker();

/** `docker build` of `files` (name → text, or [text, mode]) as `tag`, quietly. */
export function buildImage(tag, files) {
  const dir = mkdtempSync(join(tmpdir(), 'cold-start-'));
  try {
    for (const [name, content] of Object.entries(files)) {
      const [text, mode] = Array.isArray(content) ? content : [content, 0o644];
      writeFileSync(join(dir, name), text);
      chmodSync(join(dir, name), mode);
    }
    execFileSync('docker', ['build', '-q', '-t', tag, dir], {
      env: { ...process.env, DOCKER_BUILDKIT: '0' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function removeImages(images) {
  return Promise.all(
    images.map((image) =>
      docker
        .getImage(image)
        .remove({ force: true })
        .catch(() => undefined),
    ),
  );
}

export async function requireImages(images) {
  for (const image of images)
    await docker
      .getImage(image)
      .inspect()
      .catch(() => {
        throw new Error(`${image} is missing: run \`npm run images:base\` first`);
      });
}

/** One HTTP attempt; resolves with the status, or 0 when the connection failed. */
function attempt(port, method, path) {
  return new Promise((resolve) => {
    const outgoing = request({ host: '127.0.0.1', port, method, path, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    outgoing.on('error', () => resolve(0));
    outgoing.setTimeout(2000, () => outgoing.destroy());
    outgoing.end(method === 'POST' ? '{"cold":true}' : undefined);
  });
}

/**
 * Milliseconds from create to the first 200 answer. `overrides` (Entrypoint, Cmd, Env) run another
 * process in the same image, e.g. a plain HTTP server as the baseline.
 */
export async function coldStart(image, method, path, overrides = {}, limitMs = 20_000) {
  const port = await freePort();
  const started = performance.now();
  const container = await docker.createContainer({
    Image: image,
    Labels: { 'onpre-lambda.bench': 'cold-start' },
    ExposedPorts: { '8080/tcp': {} },
    HostConfig: { PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] } },
    ...overrides,
  });
  try {
    await container.start();
    const deadline = started + limitMs;
    while (performance.now() < deadline) {
      if ((await attempt(port, method, path)) === 200) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    throw new Error(`${image} did not answer 200 within ${limitMs / 1000} s`);
  } finally {
    await container.remove({ force: true });
  }
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
