import { anonymous, HostileCase, SECRETS } from './hostile-case';
import { forgeToken, goodClaims, tamperedToken } from './tokens';

const unauthorized = { status: 401, message: 'Unauthorized' };
const PATH = '/echo/secret';

const withAuthorization = (value: (idToken: string) => string) => (target: { idToken: string }) =>
  anonymous('GET', PATH, [['authorization', value(target.idToken)]])();

const bearer = (token: () => string) => withAuthorization(() => `Bearer ${token()}`);

const { exp: _exp, ...withoutExp } = goodClaims();
const { sub: _sub, ...withoutSub } = goodClaims();
const { iat: _iat, ...withoutIat } = goodClaims();
const HUNDRED_YEARS = 100 * 365 * 24 * 3600;

/** Signed with the Gateway's key, valid in every way but one claim. */
const signedWith = (claims: Record<string, unknown>) =>
  bearer(() => forgeToken({ ...goodClaims(), ...claims }));

/** Routed calls with missing, malformed or forged ID tokens: 401 every time. */
export const JWT_CASES: HostileCase[] = [
  {
    name: 'two Authorization headers, the second a forged alg:none token',
    request: (target) =>
      anonymous('GET', PATH, [
        ['authorization', `Bearer ${target.idToken}`],
        [
          'authorization',
          `Bearer ${forgeToken({ ...goodClaims(), sub: 'admin' }, { alg: 'none' })}`,
        ],
      ])(),
    status: 400,
    message: 'Bad Request',
  },
  { name: 'routed call without Authorization', request: anonymous('GET', PATH), ...unauthorized },
  { name: 'Bearer with no token', request: withAuthorization(() => 'Bearer '), ...unauthorized },
  {
    name: 'Basic credentials instead of a token',
    request: withAuthorization(() => `Basic ${Buffer.from('mallory:pw').toString('base64')}`),
    ...unauthorized,
  },
  { name: 'garbage token', request: bearer(() => 'not-a-jwt'), ...unauthorized },
  { name: 'token of three garbage parts', request: bearer(() => '%%%.@@@.!!!'), ...unauthorized },
  {
    name: 'alg:none token with valid claims',
    request: bearer(() => forgeToken(goodClaims(), { alg: 'none' })),
    ...unauthorized,
  },
  {
    name: 'HS256 token signed with a wrong key',
    request: bearer(() =>
      forgeToken(goodClaims(), { key: 'wrong-key-0123456789abcdef0123456789' }),
    ),
    ...unauthorized,
  },
  {
    name: 'HS512 token signed with the right key',
    request: bearer(() => forgeToken(goodClaims(), { alg: 'HS512' })),
    ...unauthorized,
  },
  {
    name: 'token labelled RS256 but HMAC-signed with the secret (algorithm confusion)',
    request: bearer(() => {
      const [, payload, signature] = forgeToken(goodClaims()).split('.');
      const header = Buffer.from('{"alg":"RS256","typ":"JWT"}').toString('base64url');
      return `${header}.${payload}.${signature}`;
    }),
    ...unauthorized,
  },
  {
    name: 'expired token signed with the right key',
    request: bearer(() => forgeToken({ ...goodClaims(), exp: Math.floor(Date.now() / 1000) - 60 })),
    ...unauthorized,
  },
  {
    name: 'token without exp',
    request: bearer(() => forgeToken(withoutExp)),
    ...unauthorized,
  },
  {
    name: 'token without sub',
    request: bearer(() => forgeToken(withoutSub)),
    ...unauthorized,
  },
  {
    name: 'genuine token with its claims swapped (signature kept)',
    request: withAuthorization(
      (idToken) => `Bearer ${tamperedToken(idToken, { ...goodClaims(), sub: 'admin' })}`,
    ),
    ...unauthorized,
  },
  {
    name: 'genuine token in the query string instead of the header',
    request: ({ idToken }) => anonymous('GET', `${PATH}?access_token=${idToken}`)(),
    ...unauthorized,
  },
  {
    name: 'key-signed token with a foreign iss',
    request: signedWith({ iss: 'https://evil' }),
    ...unauthorized,
  },
  {
    name: 'key-signed token with a foreign aud',
    request: signedWith({ aud: 'other-app' }),
    ...unauthorized,
  },
  {
    name: 'key-signed access token (token_use access)',
    request: signedWith({ token_use: 'access' }),
    ...unauthorized,
  },
  {
    name: 'key-signed token valid for 100 years',
    request: signedWith({ exp: Math.floor(Date.now() / 1000) + HUNDRED_YEARS }),
    ...unauthorized,
  },
  {
    name: 'key-signed token without iat',
    request: bearer(() => forgeToken(withoutIat)),
    ...unauthorized,
  },
  {
    name: 'key-signed token with every claim right is accepted (each case above differs by one)',
    request: signedWith({}),
    status: 200,
    message: 'echoed',
  },
  {
    name: 'the API key as a bearer token',
    request: bearer(() => SECRETS.X_API_KEY),
    ...unauthorized,
  },
];
