import { resolve } from 'node:path';
import { OpenIdIssuer } from '../../apps/gateway/test/support/openid-issuer';
import type { GatewayAnswer } from './support/gateway-client';
import { delay, SystemRun } from './support/system-run';

const APP = resolve(__dirname, 'auth-app/generator.yml');
const ISSUER = 'https://issuer.authsys.test';
const API_KEY = 'system-auth-app-key-0123456789';

type Echo = { path: string; authorizer: Record<string, unknown> | null; apiKey?: string };

/**
 * Issue 16 end to end through `npm start`: a template with TOKEN (one with a 3 s TTL) and REQUEST
 * Lambda authorizers (real functions in real containers), an API key route in a usage plan, an API
 * whose plan key comes from the authorizer (`ApiKeySourceType: AUTHORIZER`), a raw CloudFormation
 * method with an `AWS::ApiGateway::Authorizer`, and an HTTP API JWT
 * authorizer whose issuer is a real HTTP server in this test (keys via JWT_ISSUER_JWKS, since
 * the template's issuer URL is not reachable from here).
 */
describe('system suite: authorizers, API keys and usage plans of a generated app (real Docker)', () => {
  const system = new SystemRun();
  let issuer: OpenIdIssuer;

  beforeAll(async () => {
    issuer = await new OpenIdIssuer().start();
    await system.start({
      ONPRE_APP: APP,
      JWT_ISSUER_JWKS: JSON.stringify({ [ISSUER]: `${issuer.url}/jwks.json` }),
    });
  });

  afterAll(async () => {
    await system.stop();
    await issuer?.stop();
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    system.anonymousClient().send('GET', path, undefined, headers);
  const echoOf = (answer: GatewayAnswer) => answer.json<Echo>();

  it('TOKEN: 401 without a token; allowed tokens reach the function with principalId and context, cached for the TTL', async () => {
    const none = await get('/token');
    expect([none.status, none.json()]).toEqual([401, { message: 'Unauthorized' }]);
    const first = await get('/token', { authorization: 'Bearer allow-alice' });
    expect(first.status).toBe(200);
    const authorizer = echoOf(first).authorizer!;
    expect(authorizer).toMatchObject({ principalId: 'alice', kind: 'token' });
    const again = echoOf(await get('/token', { authorization: 'Bearer allow-alice' })).authorizer!;
    // Cached: the same answer, the authorizer was not invoked again.
    expect(again.invocations).toBe(authorizer.invocations);
    const other = echoOf(await get('/token', { authorization: 'Bearer allow-bob' })).authorizer!;
    expect(Number(other.invocations)).toBe(Number(authorizer.invocations) + 1);
  });

  it('TOKEN with ReauthorizeEvery 3: invoked once per TTL (counted by the authorizer itself)', async () => {
    const call = async () =>
      Number(
        echoOf(await get('/short', { authorization: 'Bearer allow-ttl' })).authorizer!.invocations,
      );
    const first = await call();
    expect(await call()).toBe(first);
    await delay(3500);
    const afterTtl = await call();
    expect(afterTtl).toBeGreaterThan(first);
    expect(await call()).toBe(afterTtl);
  });

  it("ApiKeySourceType AUTHORIZER: the authorizer's usageIdentifierKey is the plan key; the quota gives 429", async () => {
    const partner = { authorization: 'Bearer allow-partner' };
    const first = await get('/partner', partner);
    expect([first.status, echoOf(first).apiKey]).toEqual([
      200,
      'partner-key-from-the-authorizer-01',
    ]);
    expect((await get('/partner', partner)).status).toBe(200);
    const over = await get('/partner', partner);
    expect([over.status, over.json()]).toEqual([429, { message: 'Limit Exceeded' }]);
    // A caller whose authorizer answer carries no key cannot bring one in x-api-key.
    const own = await get('/partner', {
      authorization: 'Bearer allow-other',
      'x-api-key': 'partner-key-from-the-authorizer-01',
    });
    expect([own.status, own.json()]).toEqual([403, { message: 'Forbidden' }]);
  });

  it('a raw CloudFormation method with an AWS::ApiGateway::Authorizer is protected by it', async () => {
    expect((await get('/raw')).status).toBe(401);
    const allowed = await get('/raw', { authorization: 'Bearer allow-raw' });
    expect([allowed.status, echoOf(allowed).authorizer?.principalId]).toEqual([200, 'raw']);
    expect((await get('/raw', { authorization: 'Bearer deny-raw' })).status).toBe(403);
  });

  it('TOKEN: Deny → 403, the function saying Unauthorized → 401', async () => {
    const denied = await get('/token', { authorization: 'Bearer deny-eve' });
    expect([denied.status, denied.json()]).toEqual([
      403,
      { Message: 'User is not authorized to access this resource with an explicit deny' },
    ]);
    expect((await get('/token', { authorization: 'Bearer stranger' })).status).toBe(401);
    expect((await get('/token', { authorization: 'Basic nope' })).status).toBe(401);
  });

  it('REQUEST with TTL 0: invoked for every request; a wrong tenant is denied', async () => {
    const first = echoOf(await get('/request', { 'x-tenant': 'acme' })).authorizer!;
    const second = echoOf(await get('/request', { 'x-tenant': 'acme' })).authorizer!;
    expect(first.principalId).toBe('acme');
    expect(Number(second.invocations)).toBe(Number(first.invocations) + 1);
    expect((await get('/request', { 'x-tenant': 'evil' })).status).toBe(403);
    expect((await get('/request')).status).toBe(401);
  });

  it('API key: 403 without it; the usage plan throttle gives 429 and then recovers', async () => {
    const none = await get('/keyed');
    expect([none.status, none.json()]).toEqual([403, { message: 'Forbidden' }]);
    const ok = await get('/keyed', { 'x-api-key': API_KEY });
    expect([ok.status, echoOf(ok).apiKey]).toEqual([200, API_KEY]);
    const burst = await Promise.all([1, 2, 3].map(() => get('/keyed', { 'x-api-key': API_KEY })));
    const throttled = burst.find((answer) => answer.status === 429);
    expect(throttled?.json()).toEqual({ message: 'Too Many Requests' });
    await delay(2500);
    expect((await get('/keyed', { 'x-api-key': API_KEY })).status).toBe(200);
  });

  it('HTTP API JWT: a token of the issuer is allowed with its claims; none or a forged one is 401', async () => {
    const token = await issuer.sign({ sub: 'jwt-user', aud: 'authsys-client' }, { issuer: ISSUER });
    const answer = await get('/jwt', { authorization: `Bearer ${token}` });
    expect(answer.status).toBe(200);
    expect(echoOf(answer).authorizer).toMatchObject({
      jwt: { claims: { sub: 'jwt-user', iss: ISSUER, aud: 'authsys-client' }, scopes: null },
    });
    expect((await get('/jwt')).status).toBe(401);
    const forged = await issuer.forge({ sub: 'x', aud: 'authsys-client' }, 'rsa-1', ISSUER);
    expect((await get('/jwt', { authorization: `Bearer ${forged}` })).status).toBe(401);
  });
});
