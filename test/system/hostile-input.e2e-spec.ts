import 'reflect-metadata';
import { FakeContainer } from '../../apps/gateway/test/support/fake-container';
import { FakeManager } from '../../apps/gateway/test/support/fake-manager';
import { writeRoutingFile } from '../../apps/gateway/test/support/gateway-app';
import { HOSTILE_CASES } from './corpus';
import { GatewayProcess } from './corpus/gateway-process';
import { FUNCTIONS, ROUTES } from './corpus/functions';
import { loginIdToken, SECRETS, Target } from './corpus/hostile-case';
import { send, sendRaw } from './corpus/wire';

/** Generous: 10 MB bodies on a loaded 2-core machine (nothing here asserts on time). */
const CASE_TIMEOUT_MS = 30_000;

/** What must never reach a client: stack frames, source locations, file system paths. */
const LEAKS = /\n\s+at |\bat [\w.<>]+ \(|\.[jt]s:\d+|\/var\/task|\/work\/|node_modules|dist\/apps/;

/**
 * The built Gateway as a real process (plain HTTP: the parser and handlers are the same behind TLS)
 * against a fake Manager and RIE-like function servers, fed hostile input.
 */
describe('hostile input against the Gateway process', () => {
  const manager = new FakeManager(SECRETS.MANAGER_TOKEN);
  const containers = Object.entries(FUNCTIONS).map(
    ([name, handler]) => [name, new FakeContainer(handler)] as const,
  );
  const gateway = new GatewayProcess();
  const target: Target = { idToken: '' };

  const login = () => loginIdToken(gateway.port);

  beforeAll(async () => {
    await manager.start();
    for (const [name, container] of containers) {
      await container.start();
      manager.define(name, { running: [container.url] });
    }
    await gateway.start({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      HEADERS_TIMEOUT_MS: '2000',
      REQUEST_TIMEOUT_MS: '5000',
      MANAGER_URL: manager.url,
      ROUTING_FILE: writeRoutingFile(ROUTES),
      ...SECRETS,
    });
    target.idToken = await login();
  }, 60_000);

  afterAll(async () => {
    await gateway.stop();
    for (const [, container] of containers) await container.stop();
    await manager.stop();
  });

  it('has a corpus of at least 120 cases', () => {
    expect(HOSTILE_CASES.length).toBeGreaterThanOrEqual(120);
  });

  it.each(HOSTILE_CASES)(
    '$name → $status',
    async ({ request, status, message, check }) => {
      const response = await sendRaw(gateway.port, request(target));
      expect({ status: response.status, body: response.body }).toEqual({
        status,
        body: expect.any(String),
      });
      if (message === null) {
        expect(response.body).toBe('');
      } else if (message === undefined) {
        expect(response.body).not.toMatch(LEAKS);
      } else {
        expect(response.headers['content-type']).toMatch(/^application\/json/);
        expect(JSON.parse(response.body)).toMatchObject({ message });
        expect(response.body).not.toMatch(LEAKS);
      }
      check?.(response);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'is still up after the corpus: healthy, and a normal call succeeds',
    async () => {
      expect(gateway.running).toBe(true);
      expect((await send(gateway.port, { method: 'GET', path: '/health' })).status).toBe(200);
      const response = await send(gateway.port, {
        method: 'GET',
        path: '/echo/after-the-corpus',
        headers: [['authorization', `Bearer ${await login()}`]],
      });
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body)).toMatchObject({
        message: 'echoed',
        path: '/echo/after-the-corpus',
      });
    },
    CASE_TIMEOUT_MS,
  );
});
