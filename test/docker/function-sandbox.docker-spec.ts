import 'reflect-metadata';
import { buildImage, testDocker } from '../support/docker';
import { INVOKE_TOKEN_HEADER } from '@app/contracts';
import { invokeTokenFor } from '@app/platform';
import { TEST_TOKEN } from '../../apps/manager/test/manager-app';
import { ensure, invoke, ManagerTestScope } from './manager-support';

/**
 * Function containers as the Manager starts them, inspected on the real engine and invoked through
 * the project's runtime images: Lambda's user (uid 993), a read-only image with a 512 MB /tmp, no
 * capabilities, CPU by memory, rotated logs — and node and python functions still work.
 */
describe('function containers are sandboxed like Lambda (real Docker)', () => {
  const docker = testDocker();
  const scope = new ManagerTestScope(docker);
  const nodeImage = 'onpre-lambda/sbxtest-node:latest';
  const pythonImage = 'onpre-lambda/sbxtest-python:latest';

  beforeAll(async () => {
    await buildImage(docker, nodeImage, {
      Dockerfile:
        'FROM onpre-lambda/runtime-nodejs:20\nCOPY index.js /var/task/\nCMD ["index.handler"]',
      'index.js': [
        "const fs = require('fs');",
        'const attempt = (path) => {',
        "  try { fs.writeFileSync(path, 'x'); return 'written'; } catch (e) { return e.code; }",
        '};',
        'exports.handler = async () => ({',
        '  uid: process.getuid(), gid: process.getgid(),',
        "  tmp: attempt('/tmp/probe'), task: attempt('/var/task/probe'), etc: attempt('/etc/probe'),",
        '  token: process.env.ONPRE_INVOKE_TOKEN ?? null,',
        '});',
      ].join('\n'),
    });
    await buildImage(docker, pythonImage, {
      Dockerfile:
        'FROM onpre-lambda/runtime-python:3.11\nCOPY app.py /var/task/\nCMD ["app.handler"]',
      'app.py': [
        'import os',
        'def attempt(path):',
        '    try:',
        "        open(path, 'w').write('x')",
        "        return 'written'",
        '    except OSError as error:',
        '        import errno',
        '        return errno.errorcode[error.errno]',
        'def handler(event, context):',
        "    return {'uid': os.getuid(), 'gid': os.getgid(), 'tmp': attempt('/tmp/probe'),",
        "            'task': attempt('/var/task/probe'), 'etc': attempt('/etc/probe'),",
        "            'token': os.environ.get('ONPRE_INVOKE_TOKEN')}",
      ].join('\n'),
    });
    scope.writeFunctions({
      node: { image: nodeImage, memorySize: 128 },
      python: { image: pythonImage, memorySize: 3538 },
    });
  });

  afterAll(() => scope.cleanUp());

  it.each([
    ['node', 128, 1e9],
    ['python', 3538, 2e9],
  ])('%s: runs as uid 993, /tmp writable, the rest read-only', async (name, memory, nanoCpus) => {
    const app = await scope.startManager();
    const response = await ensure(app, scope.fn(name));
    expect(response.statusCode).toBe(200);
    const { id, url } = response.json().containers[0];
    expect(await invoke(url, {}, scope.fn(name))).toEqual({
      uid: 993,
      gid: 990,
      tmp: 'written',
      task: 'EROFS',
      etc: 'EROFS',
      // The invoke token is the supervisor's: the function's own code never sees it.
      token: null,
    });
    const info = await docker.getContainer(id).inspect();
    expect(info.Config.User).toBe('993:990');
    expect(info.HostConfig).toMatchObject({
      ReadonlyRootfs: true,
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      Privileged: false,
      PidsLimit: 256,
      Memory: memory * 1024 * 1024,
      NanoCpus: Math.min(nanoCpus, 2e9),
      Tmpfs: { '/tmp': expect.stringContaining('size=536870912') },
      LogConfig: { Type: 'json-file', Config: { 'max-size': '10485760', 'max-file': '3' } },
    });
    const exec = await docker.getContainer(id).exec({
      Cmd: [
        '/usr/local/bin/node',
        '-e',
        'console.log(require("fs").readFileSync("/proc/self/status","utf8").match(/CapEff:\\s*(\\w+)/)[1])',
      ],
      AttachStdout: true,
    });
    const stream = await exec.start({});
    const output = await new Promise<string>((resolve) => {
      let text = '';
      stream.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
      stream.on('end', () => resolve(text));
    });
    // Effective capabilities of a process in the container: none.
    expect(output).toContain('0000000000000000');
  });

  it("answers invocations only with its function's token (another function cannot invoke it)", async () => {
    const app = await scope.startManager();
    const { url } = (await ensure(app, scope.fn('node'))).json().containers[0];
    const post = (headers: Record<string, string>) =>
      fetch(`${url}/2015-03-31/functions/function/invocations`, {
        method: 'POST',
        body: '{}',
        headers,
      });
    const token = (fn: string) => ({ [INVOKE_TOKEN_HEADER]: invokeTokenFor(TEST_TOKEN, fn) });
    expect((await post({})).status).toBe(403);
    expect((await post(token(scope.fn('python')))).status).toBe(403);
    expect((await post(token(scope.fn('node')))).status).toBe(200);
  });
});
