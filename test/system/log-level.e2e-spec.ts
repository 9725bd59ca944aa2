import 'reflect-metadata';
import { FakeContainer } from '../../apps/gateway/test/support/fake-container';
import { FakeManager } from '../../apps/gateway/test/support/fake-manager';
import { writeRoutingFile } from '../../apps/gateway/test/support/gateway-app';
import { GatewayProcess } from './corpus/gateway-process';
import { FUNCTIONS, ROUTES } from './corpus/functions';
import { loginIdToken, SECRETS } from './corpus/hostile-case';
import { send } from './corpus/wire';

type LogLine = { level?: string; request_id?: string; message?: string };

/** One routed call through the built Gateway process at a given LOG_LEVEL; its JSON log lines. */
async function linesOfOneCall(logLevel: string, requestId: string): Promise<LogLine[]> {
  const manager = new FakeManager(SECRETS.MANAGER_TOKEN);
  const echo = new FakeContainer(FUNCTIONS.echo);
  const gateway = new GatewayProcess();
  try {
    await manager.start();
    await echo.start();
    manager.define('echo', { running: [echo.url] });
    await gateway.start({
      NODE_ENV: 'test',
      LOG_LEVEL: logLevel,
      MANAGER_URL: manager.url,
      ROUTING_FILE: writeRoutingFile(ROUTES),
      ...SECRETS,
    });
    const idToken = await loginIdToken(gateway.port);
    const call = await send(gateway.port, {
      method: 'GET',
      path: '/echo/hello',
      headers: [
        ['authorization', `Bearer ${idToken}`],
        ['x-request-id', requestId],
      ],
    });
    expect(call.status).toBe(200);
  } finally {
    await gateway.stop();
    await echo.stop();
    await manager.stop();
  }
  return gateway.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
}

describe('LOG_LEVEL of the Gateway process', () => {
  it.each([
    ['DEBUG', true],
    ['INFO', false],
  ])(
    '%s: the routing debug line is shown → %s',
    async (level, debugShown) => {
      const requestId = `log-level-${level.toLowerCase()}`;
      const lines = (await linesOfOneCall(level, requestId)).filter(
        (line) => line.request_id === requestId,
      );
      expect(lines.some((line) => line.level === 'info')).toBe(true);
      const debug = lines.filter((line) => line.level === 'debug');
      expect(debug.some((line) => /ANY \/echo\/\{proxy\+\} -> echo/.test(line.message ?? ''))).toBe(
        debugShown,
      );
      if (!debugShown) expect(debug).toEqual([]);
    },
    60_000,
  );
});
