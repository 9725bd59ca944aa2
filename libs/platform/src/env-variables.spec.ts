import { EnvironmentError, validateEnvironment } from './env';
import { BooleanVariable, IntegerVariable, NumberVariable } from './env-variables';

class ExampleEnv {
  @IntegerVariable(1, 10)
  COUNT: number = 5;

  @NumberVariable(0.5)
  SECONDS: number = 1;

  @BooleanVariable()
  ENABLED: boolean = true;
}

function outcome(raw: Record<string, string>): ExampleEnv | string[] {
  try {
    return validateEnvironment({ type: ExampleEnv, secrets: [] }, raw);
  } catch (error) {
    if (error instanceof EnvironmentError) return error.problems;
    throw error;
  }
}

describe('environment variable decorators', () => {
  it.each([
    [{}, { COUNT: 5, SECONDS: 1, ENABLED: true }],
    [
      { COUNT: '10', SECONDS: '0.5' },
      { COUNT: 10, SECONDS: 0.5, ENABLED: true },
    ],
    [{ ENABLED: 'false' }, { COUNT: 5, SECONDS: 1, ENABLED: false }],
    [{ ENABLED: ' Off ' }, { COUNT: 5, SECONDS: 1, ENABLED: false }],
    [{ ENABLED: 'YES' }, { COUNT: 5, SECONDS: 1, ENABLED: true }],
    [{ ENABLED: '0' }, { COUNT: 5, SECONDS: 1, ENABLED: false }],
  ])('%j reads as %j', (raw, expected) => {
    expect(outcome(raw)).toEqual(expected);
  });

  it.each([
    [{ COUNT: '0' }, ['COUNT: must not be less than 1']],
    [{ COUNT: '11' }, ['COUNT: must not be greater than 10']],
    [{ COUNT: '2.5' }, ['COUNT: must be an integer number']],
    [{ SECONDS: '0.1' }, ['SECONDS: must not be less than 0.5']],
    [{ ENABLED: 'maybe' }, ['ENABLED: must be true or false']],
  ])('%j is refused: %j', (raw, problems) => {
    expect(outcome(raw)).toEqual(problems);
  });
});
