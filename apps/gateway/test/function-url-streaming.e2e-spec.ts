import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { gatewayUrl, startGateway, TEST_SECRETS, TestGateway } from './support/gateway-app';
import { FakeManager } from './support/fake-manager';

const ROOT = join(__dirname, '../../..');
const PAUSE_MS = 1500;

/** A streaming handler as Lambda's docs write one: prelude, a chunk, a pause, a chunk. */
const HANDLER = `
exports.handler = awslambda.streamifyResponse(async (event, responseStream) => {
  const stream = awslambda.HttpResponseStream.from(responseStream, {
    statusCode: 201,
    headers: { 'content-type': 'text/plain', 'x-kind': 'stream' },
    cookies: ['s=1'],
  });
  stream.write('first\\n');
  await new Promise((resolve) => setTimeout(resolve, ${PAUSE_MS}));
  if (event.rawPath === '/fail') throw new Error('broke mid-stream');
  stream.write('second\\n');
  stream.end();
});
`;

/** Our real runtime (supervisor + node runtime client, bundled as in the image) on the host. */
function startRuntime(port: number): ChildProcess {
  const task = mkdtempSync(join(tmpdir(), 'stream-fn-'));
  writeFileSync(join(task, 'index.js'), HANDLER);
  return spawn(process.execPath, [join(ROOT, 'dist/runtime/supervisor.js'), 'index.handler'], {
    env: {
      ...process.env,
      LAMBDA_TASK_ROOT: task,
      LAMBDA_RUNTIME_DIR: join(ROOT, 'dist/runtime'),
      ONPRE_LAMBDA_INVOKE_PORT: String(port),
      ONPRE_LAMBDA_RUNTIME_API_PORT: String(port + 1),
      AWS_LAMBDA_FUNCTION_NAME: 'urlStreamFn',
      AWS_LAMBDA_FUNCTION_TIMEOUT: '10',
    },
    stdio: 'ignore',
  });
}

async function ready(url: string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    try {
      if ((await fetch(`${url}/health`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('runtime did not become ready');
}

/** Response streaming through a function URL: the real runtime's stream, as it is written. */
describe('function URL response streaming', () => {
  let runtime: ChildProcess;
  let manager: FakeManager;
  let gateway: TestGateway;

  beforeAll(async () => {
    execFileSync(process.execPath, [join(ROOT, 'scripts/build-runtime.mjs')], { stdio: 'ignore' });
    const port = 19000 + (process.pid % 500) * 2;
    runtime = startRuntime(port);
    const url = `http://127.0.0.1:${port}`;
    await ready(url);
    manager = await new FakeManager(TEST_SECRETS.MANAGER_TOKEN).start();
    manager.define('urlStreamFn', { running: [], spare: [url], timeoutSeconds: 10 });
    gateway = await startGateway(manager.url, {
      routes: [],
      functionUrls: { urlStreamFn: { authType: 'NONE', invokeMode: 'RESPONSE_STREAM' } },
    });
  }, 60_000);

  afterAll(async () => {
    await gateway.app.close();
    await manager.stop();
    runtime.kill();
  });

  /** Calls the URL and times the first body chunk and the end, from the moment of sending. */
  async function timedCall(path: string) {
    const started = performance.now();
    const response = await request(`${gatewayUrl(gateway.app)}/lambda-url/urlStreamFn${path}`);
    const chunks: Array<{ atMs: number; text: string }> = [];
    for await (const chunk of response.body) {
      chunks.push({ atMs: performance.now() - started, text: Buffer.from(chunk).toString() });
    }
    return { response, chunks, endMs: performance.now() - started };
  }

  it('status, headers and cookies from the prelude; the first chunk long before the end', async () => {
    const { response, chunks, endMs } = await timedCall('/ok');
    expect(response.statusCode).toBe(201);
    expect(response.headers['content-type']).toBe('text/plain');
    expect(response.headers['x-kind']).toBe('stream');
    expect(response.headers['set-cookie']).toBe('s=1');
    expect(chunks.map((chunk) => chunk.text).join('')).toBe('first\nsecond\n');
    const firstMs = chunks[0].atMs;
    // The function pauses PAUSE_MS between its chunks: the first must not wait for the second.
    expect(chunks[0].text).toBe('first\n');
    expect(endMs - firstMs).toBeGreaterThan(PAUSE_MS * 0.8);
    process.stdout.write(
      `streaming: first chunk at ${firstMs.toFixed(0)} ms, end at ${endMs.toFixed(0)} ms\n`,
    );
  });

  it('a function failing mid-stream: the client gets what was written and the end, no hang', async () => {
    const { response, chunks } = await timedCall('/fail');
    expect(response.statusCode).toBe(201);
    expect(chunks.map((chunk) => chunk.text).join('')).toBe('first\n');
    // The container is free again: the next call streams in full.
    const again = await timedCall('/ok');
    expect(again.chunks.map((chunk) => chunk.text).join('')).toBe('first\nsecond\n');
  });
});
