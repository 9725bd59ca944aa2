import 'reflect-metadata';
import { functionNameFrom } from './function-name';

describe('functionNameFrom', () => {
  it.each([
    ['hello', 'hello'],
    ['hello:prod', 'hello'],
    ['arn:aws:lambda:ap-northeast-1:123456789012:function:hello', 'hello'],
    ['arn:aws:lambda:us-east-1:123456789012:function:my_fn-2:$LATEST', 'my_fn-2'],
    ['123456789012:function:hello', 'hello'],
    ['bad name', undefined],
    ['arn:aws:lambda:us-east-1:123:function:hello', undefined],
    ['', undefined],
  ])('%s → %s', (value, expected) => {
    expect(functionNameFrom(value)).toBe(expected);
  });
});
