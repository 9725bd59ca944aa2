import { errors } from 'jose';
import {
  audienceMatches,
  rejectionOf,
  scopesSatisfied,
  tokenOf,
  tokenScopes,
} from './jwt-claim-checks';

describe('JWT claim checks', () => {
  it.each([
    ['aud string', { aud: 'app' }, true],
    ['aud list', { aud: ['x', 'app'] }, true],
    ['other aud', { aud: 'other' }, false],
    ['client_id without aud', { client_id: 'app' }, true],
    ['aud wins over client_id', { aud: 'other', client_id: 'app' }, false],
    ['neither', {}, false],
  ])('audience: %s → %s', (_case, claims, expected) => {
    expect(audienceMatches(claims, ['app'])).toBe(expected);
  });

  it.each([
    ['scope string', { scope: 'a b' }, ['a', 'b']],
    ['scp list', { scp: ['a', 1] }, ['a']],
    ['none', {}, []],
  ])('scopes: %s', (_case, claims, expected) => {
    expect(tokenScopes(claims)).toEqual(expected);
  });

  it.each([
    [[], undefined, true],
    [['a'], ['a', 'b'], true],
    [['c'], ['a', 'b'], false],
    [[], ['a'], false],
  ])('granted %j, required %j → %s', (granted, required, expected) => {
    expect(scopesSatisfied(granted, required)).toBe(expected);
  });

  it.each([
    ['Bearer abc', 'abc'],
    ['bearer   abc ', 'abc'],
    ['abc', 'abc'],
  ])('token of %j', (identity, token) => {
    expect(tokenOf(identity)).toBe(token);
  });

  it.each<[unknown, string | undefined]>([
    [new errors.JWTExpired('x', {}), 'the token has expired'],
    [new errors.JWTClaimValidationFailed('x', {}, 'iss'), 'the token does not have a valid issuer'],
    [new errors.JWTClaimValidationFailed('x', {}, 'nbf'), 'the token is not valid yet'],
    [new errors.JOSEAlgNotAllowed('x'), 'the token uses a signing method that is not allowed'],
    [new errors.JWKSNoMatchingKey(), 'no key of the issuer matches the token'],
    [new errors.JWSSignatureVerificationFailed(), 'the token signature is invalid'],
    [new errors.JWSInvalid('x'), 'the token is malformed'],
    [new errors.JWKSTimeout(), undefined],
    [new Error('fetch failed'), undefined],
  ])('rejection of %s', (error, expected) => {
    expect(rejectionOf(error)).toBe(expected);
  });
});
