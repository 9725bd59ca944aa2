import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';

/** The built Gateway (npm run build; npm test does it first) started as its own process. */
const MAIN = join(__dirname, '../../../dist/apps/gateway/apps/gateway/src/main.js');
const ROUTES = join(__dirname, '../../../config/routing.yml');

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** SHA-256 fingerprint of the certificate the server presents, or undefined if none answers. */
const presentedCertificate = (port: number) =>
  new Promise<string | undefined>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
      resolve(socket.getPeerX509Certificate()?.fingerprint256);
      socket.end();
    });
    socket.on('error', () => resolve(undefined));
  });

async function waitForCertificate(port: number): Promise<string> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const presented = await presentedCertificate(port);
    if (presented) return presented;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`nothing served TLS on port ${port}`);
}

describe('Gateway process', () => {
  const env = { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'silent' };
  let child: ChildProcess | undefined;

  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first`);
  });

  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('refuses an invalid routing file with one message naming every problem', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gateway-routes-')), 'routing.yml');
    writeFileSync(file, 'routes:\n  - path: nope\n    method: FETCH\n    function: f\n');
    const result = spawnSync(process.execPath, [MAIN], {
      env: { ...env, ROUTING_FILE: file },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('gateway failed to start:');
    expect(result.stderr).toContain('routes[0].path must be a string starting with /');
    expect(result.stderr).toContain('routes[0].method must be one of');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('generates a self-signed certificate on first start and serves the same one after a restart', async () => {
    const tlsDir = join(mkdtempSync(join(tmpdir(), 'gateway-tls-')), 'tls');
    const fingerprints: string[] = [];
    for (let start = 0; start < 2; start += 1) {
      const port = await freePort();
      child = spawn(process.execPath, [MAIN], {
        env: {
          ...env,
          GATEWAY_PORT: String(port),
          GATEWAY_HOST: '127.0.0.1',
          TLS_DIR: tlsDir,
          ROUTING_FILE: ROUTES,
        },
        stdio: 'ignore',
      });
      fingerprints.push(await waitForCertificate(port));
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    const kept = new X509Certificate(readFileSync(join(tlsDir, 'gateway.crt')));
    expect(fingerprints).toEqual([kept.fingerprint256, kept.fingerprint256]);
  }, 60_000);

  it('reloads routing.yml on SIGHUP and keeps running (SIGTERM still stops it)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gateway-sighup-'));
    const file = join(dir, 'routing.yml');
    writeFileSync(file, readFileSync(ROUTES));
    const port = await freePort();
    let output = '';
    child = spawn(process.execPath, [MAIN], {
      env: {
        ...env,
        LOG_LEVEL: 'info',
        GATEWAY_PORT: String(port),
        GATEWAY_HOST: '127.0.0.1',
        TLS_DIR: join(dir, 'tls'),
        ROUTING_FILE: file,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitForCertificate(port);
    child.kill('SIGHUP');
    for (let attempt = 0; attempt < 100 && !output.includes('(SIGHUP)'); attempt += 1)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(output).toContain(`reloaded ${file} (SIGHUP)`);
    expect(child.exitCode).toBeNull();
    expect(await presentedCertificate(port)).toEqual(expect.any(String));
    const exited = new Promise((resolve) =>
      child?.once('exit', (code, signal) => resolve({ code, signal })),
    );
    child.kill('SIGTERM');
    // Nest closes the app, then re-raises the signal.
    expect(await exited).toEqual({ code: null, signal: 'SIGTERM' });
  }, 60_000);
});
