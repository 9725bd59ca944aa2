import { buildImage, publishedPort, testDocker, waitForHttp } from '../support/docker';

/** Proves the CI path: a locally built image runs, publishes a port on 127.0.0.1 and answers HTTP. */
describe('Docker engine (real)', () => {
  const docker = testDocker();
  const tag = 'onpre-lambda/test-hello:latest';

  it('answers docker info', async () => {
    const info = await docker.info();
    expect(info.ServerVersion).toEqual(expect.any(String));
  });

  it('builds an image on the local base, runs it with a published port and removes it', async () => {
    await buildImage(docker, tag, {
      Dockerfile: [
        'ARG BASE_IMAGE=onpre-lambda/base-node:20',
        'FROM ${BASE_IMAGE}',
        'COPY server.js /srv/server.js',
        'CMD ["node", "/srv/server.js"]',
      ].join('\n'),
      'server.js':
        "require('http').createServer((q, s) => s.end(JSON.stringify({ hello: 'docker', url: q.url }))).listen(8080);",
    });
    const container = await docker.createContainer({
      Image: tag,
      HostConfig: { PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] } },
      ExposedPorts: { '8080/tcp': {} },
      Labels: { 'onpre-lambda.test': 'engine' },
    });
    try {
      await container.start();
      const port = await publishedPort(container);
      const response = await waitForHttp(`http://127.0.0.1:${port}/ping`);
      expect(JSON.parse(response.body)).toEqual({ hello: 'docker', url: '/ping' });
    } finally {
      await container.remove({ force: true });
    }
    await expect(container.inspect()).rejects.toMatchObject({ statusCode: 404 });
  });
});
