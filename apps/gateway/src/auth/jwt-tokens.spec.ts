import { SignJWT, UnsecuredJWT } from 'jose';
import { bearerToken, JwtTokens, TOKEN_AUDIENCE, TOKEN_ISSUER, TOKEN_USE } from './jwt-tokens';

/** Tokens under `secret` on a clock reading `seconds()` (whole seconds since the epoch). */
function jwtTokens(secret: string, expiresInSeconds: number, seconds: () => number): JwtTokens {
  const clock = { now: () => seconds() * 1000, sleep: async () => undefined };
  return new JwtTokens({ secret, expiresInSeconds }, clock);
}

const SECRET = 'unit-test-secret-unit-test-secret-0123';
const NOW = 1_800_000_000;

describe('JwtTokens', () => {
  const tokens = jwtTokens(SECRET, 3000, () => NOW);

  it('issues tokens it verifies, with sub, cognito:username, iat and exp', async () => {
    const issued = await tokens.issue('alice');
    expect(issued.expiresIn).toBe(3000);
    expect(await tokens.verify(issued.token)).toMatchObject({
      sub: 'alice',
      'cognito:username': 'alice',
      iat: NOW,
      exp: NOW + 3000,
    });
  });

  it('rejects expired, forged, unsigned and other-algorithm tokens', async () => {
    const key = new TextEncoder().encode(SECRET);
    const later = jwtTokens(SECRET, 3000, () => NOW + 3001);
    const rejected = [
      await later.verify((await tokens.issue('alice')).token),
      await tokens.verify((await jwtTokens('x'.repeat(40), 60, () => NOW).issue('a')).token),
      await tokens.verify(new UnsecuredJWT({ sub: 'a' }).setExpirationTime(NOW + 60).encode()),
      await tokens.verify(
        await new SignJWT({ sub: 'a' })
          .setProtectedHeader({ alg: 'HS384' })
          .setExpirationTime(NOW + 60)
          .sign(key),
      ),
      await tokens.verify(
        await new SignJWT({ sub: 'a' }).setProtectedHeader({ alg: 'HS256' }).sign(key),
      ),
      await tokens.verify('a.b.c'),
    ];
    expect(rejected).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  it('remembers a verified token only until it expires', async () => {
    let now = NOW;
    const clocked = jwtTokens(SECRET, 60, () => now);
    const { token } = await clocked.issue('bob');
    expect(await clocked.verify(token)).toMatchObject({ sub: 'bob' });
    now = NOW + 59;
    expect(await clocked.verify(token)).toMatchObject({ sub: 'bob' });
    now = NOW + 60;
    expect(await clocked.verify(token)).toBeUndefined();
  });

  it.each([
    ['Bearer abc.def.ghi', 'abc.def.ghi'],
    ['bearer   abc', 'abc'],
    ['Basic abc', undefined],
    ['Bearer', undefined],
    [undefined, undefined],
  ])('bearerToken(%s) → %s', (header, expected) => {
    expect(bearerToken(header)).toBe(expected);
  });
});

describe('JwtTokens: tokens signed with the key but not issued by this Gateway', () => {
  const key = new TextEncoder().encode(SECRET);
  const tokens = jwtTokens(SECRET, 3000, () => NOW);
  const sign = (claims: Record<string, unknown>) =>
    new SignJWT({
      sub: 'alice',
      token_use: TOKEN_USE,
      iss: TOKEN_ISSUER,
      aud: TOKEN_AUDIENCE,
      iat: NOW,
      exp: NOW + 3000,
      ...claims,
    })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(key);
  const HUNDRED_YEARS = 100 * 365 * 24 * 3600;

  it('accepts the claims it issues itself', async () => {
    expect(await tokens.verify(await sign({}))).toMatchObject({ sub: 'alice' });
  });

  it.each([
    { case: 'a foreign iss', claims: { iss: 'https://cognito-idp.example/pool' } },
    { case: 'no iss', claims: { iss: undefined } },
    { case: 'a foreign aud', claims: { aud: 'another-client' } },
    { case: 'no aud', claims: { aud: undefined } },
    { case: 'token_use access', claims: { token_use: 'access' } },
    { case: 'no token_use', claims: { token_use: undefined } },
    { case: 'no iat', claims: { iat: undefined } },
    { case: 'a 100-year exp', claims: { exp: NOW + HUNDRED_YEARS } },
    { case: 'a lifetime one second over JWT_EXPIRES_DELTA', claims: { exp: NOW + 3001 } },
    { case: 'an old iat with a far exp', claims: { iat: NOW - 2000, exp: NOW + 2000 } },
    { case: 'an iat in the future', claims: { iat: NOW + 600, exp: NOW + 900 } },
    { case: 'exp before iat', claims: { iat: NOW, exp: NOW - 1 } },
  ])('refuses $case', async ({ claims }) => {
    expect(await tokens.verify(await sign(claims))).toBeUndefined();
  });
});
