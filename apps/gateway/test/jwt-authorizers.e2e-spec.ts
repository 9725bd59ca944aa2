import type { RoutingFile } from '@app/contracts';
import { FakeContainer } from './support/fake-container';
import { FakeManager } from './support/fake-manager';
import { OpenIdIssuer, unsignedToken } from './support/openid-issuer';
import { startGateway, TEST_SECRETS, type TestGateway } from './support/gateway-app';
import { writeSecuredRoutingFile } from './support/secured-routing';

const CONFIGURED_ISSUER = 'https://login.example.invalid/pool';

describe('JWT and Cognito authorizers against a real OpenID issuer', () => {
  let issuer: OpenIdIssuer;
  let manager: FakeManager;
  let echo: FakeContainer;
  let gateway: TestGateway;

  beforeAll(async () => {
    issuer = await new OpenIdIssuer().start();
    manager = await new FakeManager(TEST_SECRETS.MANAGER_TOKEN).start();
    echo = await new FakeContainer((event) => ({
      result: { statusCode: 200, body: JSON.stringify(event) },
    })).start();
    manager.define('echo', { running: [echo.url] });
    const jwt = (issuers: string[], api: 'http' | 'rest' = 'http') => ({
      type: 'jwt' as const,
      api,
      issuers,
      audience: api === 'http' ? ['my-client'] : [],
      identitySource: [
        api === 'http' ? '$request.header.Authorization' : 'method.request.header.Authorization',
      ],
    });
    const route = (path: string, authorizer: string, extra: object = {}) => ({
      path,
      method: 'GET',
      function: 'echo',
      ...extra,
      auth: { authorizer, ...('scopes' in extra ? { scopes: extra.scopes as string[] } : {}) },
    });
    const routing: RoutingFile = {
      routes: [
        route('/jwt', 'Http.Jwt', { payloadFormat: '2.0' }),
        route('/jwt/scoped', 'Http.Jwt', { payloadFormat: '2.0', scopes: ['orders/read'] }),
        route('/cognito', 'Api.Cognito'),
        route('/cognito/scoped', 'Api.Cognito', { scopes: ['orders/read'] }),
        route('/offline', 'Http.Offline', { payloadFormat: '2.0' }),
        route('/configured', 'Http.Configured', { payloadFormat: '2.0' }),
      ],
      authorizers: {
        'Http.Jwt': jwt([issuer.url]),
        'Api.Cognito': jwt([issuer.url], 'rest'),
        'Http.Offline': jwt(['http://127.0.0.1:1/offline']),
        'Http.Configured': jwt([CONFIGURED_ISSUER]),
      },
    };
    gateway = await startGateway(manager.url, [], {
      ROUTING_FILE: writeSecuredRoutingFile(routing),
      JWT_ISSUER_JWKS: JSON.stringify({ [CONFIGURED_ISSUER]: `${issuer.url}/jwks.json` }),
      JWKS_REFETCH_COOLDOWN_MS: '0',
    });
  });

  afterAll(async () => {
    await gateway.app.close();
    await Promise.all([manager.stop(), echo.stop(), issuer.stop()]);
  });

  const call = (url: string, authorization?: string) =>
    gateway.app.inject({
      method: 'GET',
      url,
      headers: authorization === undefined ? {} : { authorization },
    });
  const authorizerOf = (body: string) =>
    (JSON.parse(body) as { requestContext: { authorizer: Record<string, unknown> } }).requestContext
      .authorizer;
  const user = { sub: 'user-1', aud: 'my-client', groups: ['a', 'b'] };

  describe('HTTP API JwtConfiguration', () => {
    it('accepts RS256 and ES256 tokens and passes claims as API Gateway shapes them', async () => {
      for (const kid of ['rsa-1', 'ec-1']) {
        const response = await call('/jwt', `Bearer ${await issuer.sign(user, { kid })}`);
        expect(response.statusCode).toBe(200);
        const authorizer = authorizerOf(response.body) as {
          jwt: { claims: Record<string, string>; scopes: null };
        };
        expect(authorizer.jwt.claims).toMatchObject({
          sub: 'user-1',
          aud: 'my-client',
          iss: issuer.url,
          groups: '[a b]',
        });
        expect(typeof authorizer.jwt.claims.exp).toBe('string');
        expect(authorizer.jwt.scopes).toBeNull();
      }
    });

    it('compares client_id when there is no aud, and checks route scopes', async () => {
      const access = await issuer.sign({
        sub: 'u',
        client_id: 'my-client',
        scope: 'orders/read x',
      });
      const response = await call('/jwt/scoped', `Bearer ${access}`);
      expect(response.statusCode).toBe(200);
      expect(authorizerOf(response.body)).toMatchObject({
        jwt: { scopes: ['orders/read', 'x'] },
      });
      const unscoped = await call('/jwt/scoped', `Bearer ${await issuer.sign(user)}`);
      expect(unscoped.statusCode).toBe(403);
      expect(unscoped.json()).toEqual({ message: 'Forbidden' });
      expect(unscoped.headers['www-authenticate']).toContain('error="insufficient_scope"');
    });

    it('answers 401 without a token', async () => {
      const response = await call('/jwt');
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ message: 'Unauthorized' });
    });

    const past = () => Math.floor(Date.now() / 1000) - 60;
    it.each<[string, () => Promise<string>, string]>([
      ['a bad signature', () => issuer.forge(user), 'signature'],
      ['an unknown kid', () => issuer.forge(user, 'nobody-has-this-kid'), 'no key'],
      ['alg none', () => Promise.resolve(unsignedToken({ ...user, iss: issuer.url })), ''],
      ['an expired token', () => issuer.sign(user, { expiresIn: past() }), 'expired'],
      ['another audience', () => issuer.sign({ ...user, aud: 'other' }), 'audience'],
      ['another issuer', () => issuer.sign(user, { issuer: 'http://127.0.0.1:2/evil' }), 'issuer'],
      [
        'a token not yet valid',
        () => issuer.sign({ ...user, nbf: past() + 3600 }),
        'not valid yet',
      ],
      ['garbage', () => Promise.resolve('not.a.jwt'), 'malformed'],
    ])('refuses %s: 401, the reason only in www-authenticate', async (_case, token, words) => {
      const response = await call('/jwt', `Bearer ${await token()}`);
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ message: 'Unauthorized' });
      const challenge = String(response.headers['www-authenticate']);
      expect(challenge).toContain('error="invalid_token"');
      expect(challenge).toContain(words);
    });

    it('fetches the JWKS again for an unknown kid, so a rotated key is accepted', async () => {
      const before = issuer.jwksFetches;
      await issuer.rotate('rsa-2');
      const response = await call('/jwt', `Bearer ${await issuer.sign(user, { kid: 'rsa-2' })}`);
      expect(response.statusCode).toBe(200);
      expect(issuer.jwksFetches).toBe(before + 1);
    });

    it('keeps verifying with fetched keys while the issuer is down', async () => {
      issuer.serving = false;
      try {
        expect((await call('/jwt', `Bearer ${await issuer.sign(user)}`)).statusCode).toBe(200);
      } finally {
        issuer.serving = true;
      }
    });

    it('answers 500 when the issuer cannot be reached at all', async () => {
      const token = await issuer.sign(user, { issuer: 'http://127.0.0.1:1/offline' });
      const response = await call('/offline', `Bearer ${token}`);
      expect(response.statusCode).toBe(500);
      expect(response.json()).toEqual({ message: 'Internal Server Error' });
    });

    it('uses a configured JWKS URL instead of discovery (JWT_ISSUER_JWKS)', async () => {
      const token = await issuer.sign(user, { issuer: CONFIGURED_ISSUER });
      expect((await call('/configured', `Bearer ${token}`)).statusCode).toBe(200);
    });
  });

  describe('REST Cognito user pool authorizer', () => {
    it('passes claims in authorizer.claims; the bare token works as on AWS', async () => {
      const token = await issuer.sign({ sub: 'user-9', 'cognito:username': 'nine', aud: 'any' });
      for (const header of [token, `Bearer ${token}`]) {
        const response = await call('/cognito', header);
        expect(response.statusCode).toBe(200);
        expect(authorizerOf(response.body)).toEqual({
          claims: expect.objectContaining({ sub: 'user-9', 'cognito:username': 'nine' }),
        });
      }
    });

    it('answers 401 UnauthorizedException for a bad token or missing scopes, without a challenge', async () => {
      for (const [url, token] of [
        ['/cognito', await issuer.forge(user)],
        ['/cognito/scoped', await issuer.sign(user)],
      ]) {
        const response = await call(url, token);
        expect(response.statusCode).toBe(401);
        expect(response.json()).toEqual({ message: 'Unauthorized' });
        expect(response.headers['x-amzn-errortype']).toBe('UnauthorizedException');
        expect(response.headers['www-authenticate']).toBeUndefined();
      }
      const scoped = await issuer.sign({ sub: 'u', scope: 'orders/read' });
      expect((await call('/cognito/scoped', scoped)).statusCode).toBe(200);
    });
  });
});
