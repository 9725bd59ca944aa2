import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runNpmScript } from './support/npm-script';
import { eventually, SystemRun } from './support/system-run';

const FIXTURE = resolve(__dirname, 'app');

/**
 * Working on an app while `npm start` runs (docs/dev-mode.md): edit a function and the template, run
 * `npm run generate` and `npm run build:functions` again, and the running system serves the new code
 * (the Manager replaces containers whose image was rebuilt) and the new route (the Gateway reloads
 * routing.yml) — nothing restarted. The app is a copy of the fixture app under `.onpre/` (ignored;
 * inside the repository so bundled functions resolve node_modules) with its own image names.
 */
describe('system suite: changing an app while npm start runs (real Docker)', () => {
  const system = new SystemRun();
  const appDir = resolve(__dirname, '../../.onpre/test-apps', system.run.id);
  const generator = join(appDir, 'generator.yml');
  const imagePrefix = `onpre-lambda/${system.run.id}-`;
  const outDir = join(system.run.dir, 'generated'); // where npm start generates (ONPRE_OUT)

  beforeAll(async () => {
    mkdirSync(appDir, { recursive: true });
    cpSync(FIXTURE, appDir, { recursive: true });
    writeFileSync(
      generator,
      `template: template.yaml\nstackName: live-edit\nregion: us-east-1\nimages:\n  prefix: ${imagePrefix}\n  tag: latest\n`,
    );
    await system.start({ ONPRE_APP: generator, CONTAINER_CACHE_TTL: '1', LOG_LEVEL: 'info' });
  });

  afterAll(async () => {
    await system.stop();
    for (const image of await system.docker.listImages({
      filters: { reference: [`${imagePrefix}*`] },
    }))
      await system.docker
        .getImage(image.Id)
        .remove({ force: true })
        .catch(() => undefined);
    rmSync(appDir, { recursive: true, force: true });
  });

  it('serves edited code and a new route after generate + build:functions, with no restart', async () => {
    const before = await system.gateway.send('GET', '/echo');
    expect(before.status).toBe(200);
    expect(before.json()).not.toHaveProperty('edition');
    const [oldContainer] = await system.containers('echo');
    expect((await system.gateway.send('GET', '/echo-again')).status).toBe(404);

    const handler = join(appDir, 'functions/sleeper/index.js');
    writeFileSync(
      handler,
      readFileSync(handler, 'utf8').replace(
        'body: JSON.stringify({ requestId: context.awsRequestId }),',
        'body: JSON.stringify({ requestId: context.awsRequestId, edition: 2 }),',
      ),
    );
    const template = join(appDir, 'template.yaml');
    writeFileSync(
      template,
      readFileSync(template, 'utf8').replace(
        '            Path: /echo\n            Method: get\n',
        '            Path: /echo\n            Method: get\n' +
          '        EchoAgain:\n          Type: Api\n          Properties:\n' +
          '            Path: /echo-again\n            Method: get\n',
      ),
    );
    await runNpmScript('generate', ['--config', generator, '--out', outDir]);
    await runNpmScript('build:functions', ['--out', outDir]);

    const edited = async () => {
      const answer = await system.gateway.send('GET', '/echo');
      return answer.status === 200 && answer.json().edition === 2;
    };
    expect(await eventually(edited, 60)).toBe(true);
    const routed = async () => (await system.gateway.send('GET', '/echo-again')).status === 200;
    expect(await eventually(routed, 60)).toBe(true);
    const containers = await system.containers('echo', true);
    expect(containers.map((container) => container.Id)).not.toContain(oldContainer.Id);
    expect(system.run.output).not.toContain('dev: manager restarted');
  });
});
