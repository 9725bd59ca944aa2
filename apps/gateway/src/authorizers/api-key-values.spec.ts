import { apiKeyValue } from './api-key-values';

describe('apiKeyValue', () => {
  const key = (value: string) => ({ id: 'K', value, enabled: true });
  it.each([
    ['a literal', 'literal-value-0123456789', {}, 'literal-value-0123456789'],
    ['an API_KEY_ variable', '${API_KEY_K}', { API_KEY_K: 'from-env' }, 'from-env'],
    ['an unset variable', '${API_KEY_K}', {}, undefined],
    ['an empty variable', '${API_KEY_K}', { API_KEY_K: '' }, undefined],
  ])('%s', (_case, value, environment, expected) => {
    expect(apiKeyValue(key(value), environment)).toBe(expected);
  });
});
