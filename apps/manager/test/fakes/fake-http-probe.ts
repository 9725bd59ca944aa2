import type { HttpProbe } from '../../src/runtime/readiness';

/** Answers probes from a script (status codes or 'refused'), then `settled` for every later call. */
export class FakeHttpProbe implements HttpProbe {
  readonly urls: string[] = [];

  constructor(
    private readonly script: Array<number | 'refused'> = [],
    private readonly settled: number | 'refused' = 200,
  ) {}

  async status(url: string): Promise<number> {
    this.urls.push(url);
    const next = this.script.length > 0 ? this.script.shift()! : this.settled;
    if (next === 'refused') throw new Error('connect ECONNREFUSED');
    return next;
  }
}
