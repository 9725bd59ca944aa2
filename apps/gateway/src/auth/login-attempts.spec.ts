import { LoginAttempts } from './login-attempts';

const limits = { maxFailures: 3, windowMs: 60_000, lockoutMs: 30_000 };

describe('LoginAttempts', () => {
  it.each<[string, number[], number, number]>([
    ['two failures do not lock', [0, 1], 2, 0],
    ['three within the window lock for the lockout', [0, 1, 2], 3, 29_999],
    ['three spread beyond the window do not', [0, 30_000, 61_000], 61_001, 0],
    ['the lockout ends', [0, 1, 2], 30_002, 0],
  ])('%s', (_case, failures, at, expectedWait) => {
    const attempts = new LoginAttempts(limits);
    for (const time of failures) attempts.failed('10.0.0.1', time);
    expect(attempts.lockedFor('10.0.0.1', at)).toBe(expectedWait);
  });

  it('counts clients apart and forgets a client after a success', () => {
    const attempts = new LoginAttempts(limits);
    attempts.failed('a', 0);
    attempts.failed('a', 1);
    attempts.succeeded('a');
    attempts.failed('a', 2);
    expect(attempts.failed('b', 3)).toBe(false);
    expect(attempts.lockedFor('a', 3)).toBe(0);
    expect([attempts.failed('a', 4), attempts.failed('a', 5)]).toEqual([false, true]);
    expect(attempts.lockedFor('b', 6)).toBe(0);
  });
});
