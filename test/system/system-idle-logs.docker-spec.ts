import { JsonLinesSink } from './support/system-log-sink';
import { eventually, SYSTEM_APP, SystemRun } from './support/system-run';

/**
 * Logs and idle containers against `npm start` serving the fixture app (one system run): the
 * Manager ships container logs, and `npm start` the Gateway's and the Manager's, to a JSON-lines
 * sink standing in for VictoriaLogs; the Manager stops containers idle for 6 s.
 */
describe('system suite: log pipeline and idle reaper through npm start (real Docker)', () => {
  const system = new SystemRun();
  const sink = new JsonLinesSink();

  beforeAll(async () => {
    await sink.open();
    await system.start({
      ONPRE_APP: SYSTEM_APP,
      VICTORIALOGS_URL: sink.url,
      LOG_LEVEL: 'info', // the Gateway's request lines, shipped by npm start
      IDLE_TIMEOUT_SECONDS: '6',
      REAPER_INTERVAL_SECONDS: '2',
      // Below the idle timeout, so the Gateway never serves from addresses the reaper has stopped.
      CONTAINER_CACHE_TTL: '2',
    });
  });

  afterAll(async () => {
    await system.stop();
    await sink.close();
  });

  it('function lines and CloudWatch Logs events through the AWS SDK reach the sink with their levels and the container name', async () => {
    const requestId = `logs-${system.run.id}`;
    const answer = await system.gateway.send('GET', '/logs', undefined, {
      'x-request-id': requestId,
    });
    expect(answer.status).toBe(200);

    const shipped = () => sink.records.filter((record) => record.request_id === requestId);
    const allShipped = () =>
      ['logger debug line', 'logger info line', 'logger plain event'].every((text) =>
        shipped().some((record) => String(record._msg).startsWith(text)),
      );
    expect(await eventually(async () => allShipped(), 60)).toBe(true);
    const [container] = await system.containers('logger');
    const containerName = container.Names[0].replace(/^\//, '');
    expect(shipped()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          _msg: `logger debug line ${requestId}`,
          level: 'debug',
          service: 'lambda',
          function: 'logger',
          container_name: containerName,
        }),
        expect.objectContaining({
          _msg: `logger info line ${requestId}`,
          level: 'info',
          container_name: containerName,
        }),
      ]),
    );

    // Written by the Gateway (a host process here, shipped by npm start) for the logger container;
    // the plain event names no request id, so it carries the invocation's.
    const events = shipped().filter((record) => record.service === 'cloudwatch-logs');
    const origin = { function: 'logger', container_name: containerName };
    const group = '/aws/lambda/system-logger';
    expect(
      events.map(({ level, _msg, log_group, container_name, function: fn }) => ({
        level,
        _msg,
        log_group,
        container_name,
        function: fn,
      })),
    ).toEqual([
      { level: 'error', _msg: 'logger error event', log_group: group, ...origin },
      { level: 'warn', _msg: 'logger warn event', log_group: group, ...origin },
      { level: 'info', _msg: 'logger plain event', log_group: group, ...origin },
    ]);
    expect(sink.records).toContainEqual(
      expect.objectContaining({
        service: 'gateway',
        request_id: requestId,
        container_name: 'dev-gateway',
      }),
    );
  });

  it('the idle reaper stops an idle container; the next call cold-starts it', async () => {
    expect((await system.gateway.send('GET', '/echo')).status).toBe(200);
    const [warm] = await system.containers('echo');
    const warmStart = await startedAt(warm.Id);

    const reaped = await eventually(
      async () => (await system.containers('echo')).length === 0,
      60,
      1000,
    );
    expect(reaped).toBe(true);
    expect((await system.gateway.send('GET', '/echo')).status).toBe(200);
    const [cold] = await system.containers('echo');
    expect(await startedAt(cold.Id)).toBeGreaterThan(warmStart);
  });

  async function startedAt(containerId: string): Promise<number> {
    const { State } = await system.docker.getContainer(containerId).inspect();
    return Date.parse(State.StartedAt);
  }
});
