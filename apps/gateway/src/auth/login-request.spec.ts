import { parseLoginRequest } from './login-request';

describe('parseLoginRequest', () => {
  it.each([
    ['{"AuthParameters":{"USERNAME":"u","PASSWORD":"p"}}', { username: 'u', password: 'p' }],
    ['{"AuthParameters":{"USERNAME":"u"}}', undefined],
    ['{"AuthParameters":{"USERNAME":"","PASSWORD":"p"}}', undefined],
    ['{"AuthParameters":{"USERNAME":1,"PASSWORD":"p"}}', undefined],
    ['{"AuthParameters":"x"}', undefined],
    ['null', undefined],
    ['not json', undefined],
    ['', undefined],
  ])('%s → %j', (body, expected) => {
    expect(parseLoginRequest(Buffer.from(body))).toEqual(expected);
  });
});
