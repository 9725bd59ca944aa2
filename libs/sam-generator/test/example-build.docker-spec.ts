import { INVOKE_PATH, RUNTIME_READY_PATH } from '@app/contracts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, runScript } from './run-cli';

/** Generate → build:functions → run the images on our runtime base → invoke them over the RIE contract. */
describe('example app images (real Docker)', () => {
  const prefix = 'onpre-lambda/samgen-test-';
  const images = ['hello', 'greet-py'].map((name) => `${prefix}${name}:latest`);
  const containers: string[] = [];
  let out: string;
  let build: Awaited<ReturnType<typeof runScript>>;

  async function docker(...args: string[]): Promise<string> {
    const result = await run('docker', args);
    if (result.code !== 0) throw new Error(`docker ${args.join(' ')}: ${result.stderr}`);
    return result.stdout.trim();
  }

  /** Waits for the runtime's readiness answer (anything but 503), then invokes once. */
  async function invokeWhenReady(port: string, event: object): Promise<unknown> {
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 30_000;
    for (;;) {
      const status = await fetch(`${base}${RUNTIME_READY_PATH}`, {
        signal: AbortSignal.timeout(1000),
      })
        .then((response) => response.status)
        .catch(() => 0);
      if (status !== 0 && status !== 503) break;
      if (Date.now() > deadline) throw new Error(`runtime on port ${port} never became ready`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const response = await fetch(`${base}${INVOKE_PATH}`, {
      method: 'POST',
      body: JSON.stringify(event),
    });
    return response.json();
  }

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'samgen-docker-'));
    const config = ['--config', 'examples/hello-app/generator.yml', '--out', out];
    const generated = await runScript('generate', [...config, '--image-prefix', prefix]);
    if (generated.code !== 0) throw new Error(generated.stderr);
    build = await runScript('build-functions', [
      '--out',
      out,
      '--function',
      'hello',
      '--function',
      'greet-py',
    ]);
  });

  afterAll(async () => {
    for (const id of containers) await run('docker', ['rm', '-f', id]);
    await run('docker', ['rmi', '-f', ...images]);
    rmSync(out, { recursive: true, force: true });
  });

  it('builds the selected functions with progress output', () => {
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    expect(build.stdout).toContain(`[1/2] greet-py → ${prefix}greet-py:latest`);
    expect(build.stdout).toContain('Step 5/5 : CMD ["index.handler"]');
    expect(build.stdout).toMatch(/\[2\/2\] hello built in \d+\.\ds/);
    expect(build.stdout).toMatch(/build:functions: 2 images in \d+\.\ds/);
  });

  it.each([
    [
      'hello',
      { requestContext: { authorizer: { claims: { 'cognito:username': 'alice' } } } },
      { message: 'Howdy, alice!' },
    ],
    [
      'greet-py',
      {
        pathParameters: { name: 'bob' },
        requestContext: { authorizer: { jwt: { claims: { 'cognito:username': 'alice' } } } },
      },
      { message: 'Howdy, bob!', caller: 'alice', runtime: 'python' },
    ],
  ])(
    'runs %s with the shared layer in /opt and answers an invocation',
    async (name, event, expected) => {
      const id = await docker(
        'run',
        '-d',
        '-p',
        '127.0.0.1::8080',
        '--label',
        'onpre-lambda.test=sam-generator',
        `${prefix}${name}:latest`,
      );
      containers.push(id);
      const port = (await docker('port', id, '8080/tcp')).split('\n')[0].split(':').pop() ?? '';
      const result = (await invokeWhenReady(port, event)) as {
        statusCode: number;
        body: string;
      };
      expect(result.statusCode).toBe(200);
      expect(JSON.parse(result.body)).toMatchObject(expected);
    },
  );

  it('passes --build-arg BASE_IMAGE through to the Dockerfile', async () => {
    const rebuilt = await runScript('build-functions', [
      '--out',
      out,
      '--function',
      'hello',
      '--build-arg',
      'BASE_IMAGE=onpre-lambda/base-node:20',
    ]);
    expect(rebuilt.code).toBe(0);
    const entrypoint = await docker(
      'image',
      'inspect',
      '--format',
      '{{json .Config.Entrypoint}}',
      images[0],
    );
    expect(entrypoint).toBe('null');
  });
});
