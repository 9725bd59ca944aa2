import { templateText } from './template-text';

describe('templateText', () => {
  it.each([
    ['nodejs20.x', 'nodejs20.x'],
    [128, '128'],
    [true, 'true'],
    [undefined, 'undefined'],
    [null, 'null'],
    [{ 'Fn::If': ['IsProd', 'a', 'b'] }, '{"Fn::If":["IsProd","a","b"]}'],
    [['GET', 'POST'], '["GET","POST"]'],
  ])('%p → %p', (value, expected) => {
    expect(templateText(value)).toBe(expected);
  });
});
