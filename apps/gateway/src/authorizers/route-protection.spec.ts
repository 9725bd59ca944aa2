import { presentedApiKey } from './route-protection';

describe('presentedApiKey (ApiKeySourceType)', () => {
  it.each<[Parameters<typeof presentedApiKey>, string | undefined]>([
    [['HEADER', 'header-key', undefined], 'header-key'],
    // HEADER: an authorizer's usageIdentifierKey is not a key (API Gateway ignores it).
    [['HEADER', undefined, 'authorizer-key'], undefined],
    [['HEADER', 'header-key', 'authorizer-key'], 'header-key'],
    // Two x-api-key headers are not one key.
    [['HEADER', ['a', 'b'], undefined], undefined],
    [['AUTHORIZER', undefined, 'authorizer-key'], 'authorizer-key'],
    // AUTHORIZER: a caller cannot bring its own key in the header.
    [['AUTHORIZER', 'header-key', undefined], undefined],
    [['AUTHORIZER', 'header-key', 'authorizer-key'], 'authorizer-key'],
  ])('%j → %j', (args, expected) => {
    expect(presentedApiKey(...args)).toBe(expected);
  });
});
