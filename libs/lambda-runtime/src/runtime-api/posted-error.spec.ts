import { postedError } from './runtime-api-server';

describe('postedError', () => {
  it.each([
    [
      'an error object',
      '{"errorType":"TypeError","errorMessage":"x","trace":["a"]}',
      undefined,
      { errorType: 'TypeError', errorMessage: 'x', trace: ['a'] },
    ],
    [
      'plain text',
      'it broke',
      'Custom.Error',
      { errorType: 'Custom.Error', errorMessage: 'it broke' },
    ],
    [
      'JSON without a message',
      '{"a":1}',
      undefined,
      { errorType: 'Runtime.Unknown', errorMessage: '{"a":1}' },
    ],
    ['nothing', '', undefined, { errorType: 'Runtime.Unknown', errorMessage: 'Unknown error' }],
  ])('reads %s', (_name, body, header, expected) => {
    expect(postedError(Buffer.from(body), header)).toEqual(expected);
  });
});
