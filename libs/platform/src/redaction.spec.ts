import { REDACTED, redactHeaders, redactingSerializers, redactUrl } from './redaction';

describe('redactUrl', () => {
  it.each([
    ['/a/b', '/a/b'],
    ['/a?x=1&y=2', '/a?x=1&y=2'],
    ['/a?access_token=eyJ.x.y&x=1', `/a?access_token=${REDACTED}&x=1`],
    ['/a?id_token=t&refresh_token=r', `/a?id_token=${REDACTED}&refresh_token=${REDACTED}`],
    [
      '/b?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F20260101&X-Amz-Security-Token=FQ&X-Amz-Signature=ab12',
      `/b?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${REDACTED}&X-Amz-Security-Token=${REDACTED}&X-Amz-Signature=${REDACTED}`,
    ],
    ['/b?Signature=s&AWSAccessKeyId=k', `/b?Signature=${REDACTED}&AWSAccessKeyId=${REDACTED}`],
    ['/c?api_key=k&apikey=k&key=k', `/c?api_key=${REDACTED}&apikey=${REDACTED}&key=${REDACTED}`],
    ['/c?password=p&client_secret=s', `/c?password=${REDACTED}&client_secret=${REDACTED}`],
    ['/c?code=oauth-code&state=s', `/c?code=${REDACTED}&state=s`],
    ['/c?access%5Ftoken=t', `/c?access%5Ftoken=${REDACTED}`],
    ['/c?token', '/c?token'],
    ['/c?monkey=1', '/c?monkey=1'],
  ])('%s → %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});

describe('redactHeaders', () => {
  it('replaces credential headers and keeps the rest', () => {
    expect(
      redactHeaders({
        authorization: 'Bearer x',
        cookie: 'session=1',
        'x-api-key': 'k',
        'x-amz-security-token': 't',
        'proxy-authorization': 'Basic x',
        'set-cookie': ['a=1'],
        'user-agent': 'curl',
      }),
    ).toEqual({
      authorization: REDACTED,
      cookie: REDACTED,
      'x-api-key': REDACTED,
      'x-amz-security-token': REDACTED,
      'proxy-authorization': REDACTED,
      'set-cookie': REDACTED,
      'user-agent': 'curl',
    });
  });

  it('serializes requests and responses without credentials', () => {
    const req = redactingSerializers.req({
      url: '/x?access_token=t',
      headers: { cookie: 'c', host: 'h' },
    });
    expect(req).toEqual({
      url: `/x?access_token=${REDACTED}`,
      headers: { cookie: REDACTED, host: 'h' },
    });
    expect(redactingSerializers.res({ headers: { 'set-cookie': 's' } })).toEqual({
      headers: { 'set-cookie': REDACTED },
    });
  });
});
