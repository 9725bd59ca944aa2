import { JsonLinesSink } from './support/system-log-sink';
import { eventually, jsonLines, SYSTEM_APP, SystemRun } from './support/system-run';

/**
 * Logs and idle containers against `npm start` serving the fixture app (one system run): the
 * Manager ships container logs to a JSON-lines sink standing in for VictoriaLogs, and stops
 * containers idle for 6 s.
 */
describe('system suite: log pipeline and idle reaper through npm start (real Docker)', () => {
  const system = new SystemRun();
  const sink = new JsonLinesSink();

  beforeAll(async () => {
    await sink.open();
    await system.start({
      ONPRE_APP: SYSTEM_APP,
      VICTORIALOGS_URL: sink.url,
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

  it('CloudWatch Logs through the AWS SDK keep their levels; function lines reach the sink with level and container name', async () => {
    const requestId = `logs-${system.run.id}`;
    const answer = await system.gateway.send('GET', '/logs', undefined, {
      'x-request-id': requestId,
    });
    expect(answer.status).toBe(200);

    const shipped = () => sink.records.filter((record) => record.request_id === requestId);
    const bothShipped = () =>
      ['logger debug line', 'logger info line'].every((text) =>
        shipped().some((record) => String(record._msg).startsWith(text)),
      );
    expect(await eventually(async () => bothShipped(), 60)).toBe(true);
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

    const events = jsonLines(system.run.output).filter(
      (line) => line.service === 'cloudwatch-logs' && line.request_id === requestId,
    );
    expect(events.map(({ level, message, log_group }) => ({ level, message, log_group }))).toEqual([
      { level: 'error', message: 'logger error event', log_group: '/aws/lambda/system-logger' },
      { level: 'warn', message: 'logger warn event', log_group: '/aws/lambda/system-logger' },
    ]);
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
