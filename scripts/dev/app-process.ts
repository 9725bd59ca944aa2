import { ChildProcess, spawn, StdioOptions } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { DevSetupError } from './files';
import type { ProcessLogShipper } from './process-logs';
import { Environment } from './settings';

/** One GET with a hard timeout; the status, or undefined when nothing answered. */
export function probe(url: string, timeoutMs = 2000): Promise<number | undefined> {
  const request = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    // Loopback health check of a process this run started (self-signed certificate).
    const req = request(
      url,
      { timeout: timeoutMs, agent: false, rejectUnauthorized: false },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
    req.end();
  });
}

/**
 * The Gateway or the Manager as a child process. It gets its own process group, so a Ctrl-C in the
 * terminal reaches only `npm start`, which then stops things in order (the Manager must still answer
 * when asked to stop the function containers). With `logs`, its output is also shipped.
 */
export function startApp(
  name: string,
  main: string,
  root: string,
  env: Environment,
  logs?: ProcessLogShipper,
): ChildProcess {
  const stdio: StdioOptions = logs ? ['ignore', 'pipe', 'pipe'] : 'inherit';
  const child: ChildProcess = spawn(process.execPath, [main], {
    cwd: root,
    env,
    stdio,
    detached: true,
  });
  child.on('error', (error) =>
    console.error(`dev: ${name} could not be started: ${error.message}`),
  );
  logs?.follow(name, child);
  return child;
}

export async function waitUntilReady(
  name: string,
  url: string,
  child: ChildProcess,
  deadlineMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new DevSetupError(`${name} exited during start-up (see its messages above)`);
    if ((await probe(url)) === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new DevSetupError(`${name} was not ready at ${url} within ${deadlineMs / 1000} s`);
}

/** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
export async function stopApp(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
