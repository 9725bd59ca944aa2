import { usableWithoutAsking } from './cool-window';

describe('usableWithoutAsking', () => {
  it.each([
    ['cool tier off: always usable', 1_000_000, 0, 0, 10_000, true],
    ['used just now', 50_000, 50_000, 30_000, 10_000, true],
    [
      'inside the window (30 s − 10 s heartbeat − 1 s margin)',
      68_999,
      50_000,
      30_000,
      10_000,
      true,
    ],
    ['at the window edge: ask first', 69_000, 50_000, 30_000, 10_000, false],
    ['long idle: ask first', 200_000, 50_000, 30_000, 10_000, false],
    ['a heartbeat slower than the cool window: always ask', 50_000, 50_000, 5_000, 10_000, false],
  ] as const)('%s', (_name, now, warmAt, coolAfterMs, heartbeatMs, expected) => {
    expect(usableWithoutAsking(now, warmAt, coolAfterMs, heartbeatMs)).toBe(expected);
  });
});
