import {
  announcedOverLimit,
  LOGIN_PATH,
  HostileCase,
  loginWith,
  SECRETS,
  VALID_LOGIN,
  withApiKey,
} from './hostile-case';

const unauthorized = { status: 401, message: 'Unauthorized' };
const badRequest = { status: 400, message: 'Bad Request' };

/** The login endpoint: API keys first, then the body. */
export const LOGIN_CASES: HostileCase[] = [
  { name: 'login without x-api-key', request: loginWith(VALID_LOGIN, []), ...unauthorized },
  {
    name: 'login with a wrong x-api-key',
    request: loginWith(VALID_LOGIN, [['x-api-key', 'guess']]),
    ...unauthorized,
  },
  {
    name: 'login with an empty x-api-key',
    request: loginWith(VALID_LOGIN, [['x-api-key', '']]),
    ...unauthorized,
  },
  {
    name: 'login with the key plus a suffix',
    request: loginWith(VALID_LOGIN, [['x-api-key', `${SECRETS.X_API_KEY}x`]]),
    ...unauthorized,
  },
  {
    name: 'login with the key sent twice (joined into one value)',
    request: loginWith(VALID_LOGIN, [
      ['x-api-key', SECRETS.X_API_KEY],
      ['x-api-key', SECRETS.X_API_KEY],
    ]),
    ...unauthorized,
  },
  {
    name: 'login with a malformed body and no key (the key is checked first)',
    request: loginWith('{"AuthParameters":', []),
    ...unauthorized,
  },
  {
    name: 'login with the wrong password',
    request: withApiKey(
      JSON.stringify({ AuthParameters: { USERNAME: SECRETS.AUTH_USER, PASSWORD: 'x' } }),
    ),
    ...unauthorized,
  },
  { name: 'login body truncated JSON', request: withApiKey('{"AuthParameters":'), ...badRequest },
  { name: 'login body empty', request: withApiKey(''), ...badRequest },
  { name: 'login body JSON null', request: withApiKey('null'), ...badRequest },
  { name: 'login body JSON array', request: withApiKey('[1,2,3]'), ...badRequest },
  {
    name: 'login AuthParameters is a string',
    request: withApiKey('{"AuthParameters":"USERNAME=mallory"}'),
    ...badRequest,
  },
  {
    name: 'login USERNAME is a number',
    request: withApiKey('{"AuthParameters":{"USERNAME":1,"PASSWORD":"x"}}'),
    ...badRequest,
  },
  {
    name: 'login credentials smuggled through __proto__',
    request: withApiKey(
      `{"__proto__":{"AuthParameters":{"USERNAME":"${SECRETS.AUTH_USER}","PASSWORD":"${SECRETS.AUTH_PASS}"}}}`,
    ),
    ...badRequest,
  },
  {
    name: 'login body nested 100 000 levels deep',
    request: withApiKey('['.repeat(100_000) + ']'.repeat(100_000)),
    ...badRequest,
  },
  {
    name: 'login body a 9 MB JSON array',
    request: withApiKey(`[${'1,'.repeat(4.5 * 1024 * 1024)}1]`),
    ...badRequest,
  },
  {
    name: 'login body not valid UTF-8',
    request: withApiKey(Buffer.from([0x7b, 0xff, 0xfe, 0xc3, 0x28, 0x7d])),
    ...badRequest,
  },
  {
    name: 'login body announced over the 10 MB limit',
    request: announcedOverLimit(LOGIN_PATH, [
      ['content-type', 'application/json'],
      ['x-api-key', SECRETS.X_API_KEY],
    ]),
    status: 413,
    message: 'Request Too Long',
  },
];
