import { get } from 'node:http';
import { Readable } from 'node:stream';
import Docker from 'dockerode';
import { pack } from './tar';

/** Docker client for tests: the engine behind /var/run/docker.sock (or DOCKER_HOST). */
export function testDocker(): Docker {
  return new Docker();
}

/** Builds an image from an in-memory context `{path: content}` with `docker build`. */
export async function buildImage(
  docker: Docker,
  tag: string,
  files: Record<string, string>,
  buildargs: Record<string, string> = {},
  modes: Record<string, number> = {},
): Promise<void> {
  const stream = await docker.buildImage(Readable.from([pack(files, modes)]), {
    t: tag,
    buildargs,
    rm: true,
  });
  await new Promise<void>((resolve, reject) =>
    docker.modem.followProgress(
      stream,
      (error: Error | null, output: Array<{ error?: string }>) => {
        const failed = output?.find((line) => line.error);
        if (error || failed) reject(error ?? new Error(failed?.error));
        else resolve();
      },
    ),
  );
}

/** One GET with a hard per-attempt timeout; resolves with the status and body text. */
export function httpGet(url: string, timeoutMs = 2000): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = get(url, { timeout: timeoutMs, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`GET ${url} timed out`)));
    request.on('error', reject);
  });
}

/** Polls `url` until it answers 2xx or the deadline passes. */
export async function waitForHttp(
  url: string,
  timeoutMs = 15000,
): Promise<{ status: number; body: string }> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const response = await httpGet(url);
      if (response.status >= 200 && response.status < 300) return response;
      lastError = new Error(`HTTP ${response.status}`);
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms: ${String(lastError)}`);
}

/** Host port Docker published for `containerPort/tcp` on 127.0.0.1. */
export async function publishedPort(
  container: Docker.Container,
  containerPort = 8080,
): Promise<number> {
  const info = await container.inspect();
  const binding = info.NetworkSettings.Ports[`${containerPort}/tcp`]?.[0];
  if (!binding) throw new Error(`port ${containerPort} is not published`);
  return Number(binding.HostPort);
}
