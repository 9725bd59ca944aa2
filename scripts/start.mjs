#!/usr/bin/env node
// `npm start`: the dev-mode main job. Builds the apps when their output is missing or older than the
// sources, starts the Manager and the Gateway as child processes, waits until both answer health,
// prints where to go, and stops both on Ctrl-C (or SIGTERM).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const apps = {
  manager: {
    main: 'dist/apps/manager/apps/manager/src/main.js',
    health: `http://127.0.0.1:${process.env.MANAGER_PORT ?? 8081}/health/live`,
  },
  gateway: {
    main: 'dist/apps/gateway/apps/gateway/src/main.js',
    health: `http://127.0.0.1:${process.env.GATEWAY_PORT ?? 8443}/health/live`,
  },
};

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function buildIfStale() {
  const sources = Math.max(newestMtime(join(root, 'apps')), newestMtime(join(root, 'libs')));
  const stale = Object.values(apps).some(
    ({ main }) => !existsSync(join(root, main)) || statSync(join(root, main)).mtimeMs < sources,
  );
  if (!stale) return;
  console.log('building gateway and manager …');
  const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

async function waitHealthy(name, url, child, deadlineMs = 30_000) {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} did not become healthy at ${url} within ${deadlineMs} ms`);
}

const children = [];
let stopping = false;
function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  const timer = setTimeout(() => process.exit(code), 10_000);
  Promise.all(children.map((child) => (child.exitCode !== null ? null : new Promise((r) => child.once('exit', r))))).then(
    () => {
      clearTimeout(timer);
      process.exit(code);
    },
  );
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

buildIfStale();
try {
  for (const [name, { main, health }] of Object.entries(apps)) {
    const child = spawn(process.execPath, [join(root, main)], { cwd: root, stdio: 'inherit', env: process.env });
    children.push(child);
    child.on('exit', (code) => {
      if (!stopping) {
        console.error(`${name} exited (code ${code}); stopping everything`);
        stopAll(code ?? 1);
      }
    });
    await waitHealthy(name, health, child);
  }
} catch (error) {
  console.error(String(error.message ?? error));
  stopAll(1);
}
if (!stopping) {
  console.log(`\nonpre-lambda is up.\n  gateway  ${apps.gateway.health}\n  manager  ${apps.manager.health} (internal)\nCtrl-C stops both.`);
}
