import { commaJoinedMap, lastValueMap, multiValueMap, queryPairs } from './query-string';

/** Names that are members of every ordinary object. */
const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty'];

describe('request-data maps', () => {
  it.each(PROTOTYPE_NAMES)('keep a parameter named %s as data', (name) => {
    const pairs = queryPairs(`${name}=1&${name}=2&plain=3`);
    expect(JSON.parse(JSON.stringify(multiValueMap(pairs)))).toEqual({
      [name]: ['1', '2'],
      plain: ['3'],
    });
    expect(JSON.parse(JSON.stringify(lastValueMap(pairs)))).toEqual({ [name]: '2', plain: '3' });
    expect(JSON.parse(JSON.stringify(commaJoinedMap(pairs)))).toEqual({
      [name]: '1,2',
      plain: '3',
    });
  });

  it('never touches Object.prototype', () => {
    lastValueMap([['__proto__', 'polluted']]);
    multiValueMap([['__proto__', 'polluted']]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('reads no inherited member as a value', () => {
    expect(commaJoinedMap([['toString', 'x']])).toEqual({ toString: 'x' });
    expect(multiValueMap([['constructor', 'x']])?.constructor).toEqual(['x']);
  });

  it('is null or undefined when empty', () => {
    expect(multiValueMap([])).toBeNull();
    expect(lastValueMap([])).toBeNull();
    expect(commaJoinedMap([])).toBeUndefined();
  });
});
