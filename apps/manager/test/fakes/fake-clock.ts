import type { Clock } from '@app/platform';

/** Time moves only when told; `sleep` advances it at once. */
export class FakeClock implements Clock {
  constructor(private current = Date.parse('2026-11-28T12:00:00.000Z')) {}

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }

  async sleep(ms: number): Promise<void> {
    this.current += ms;
  }
}
