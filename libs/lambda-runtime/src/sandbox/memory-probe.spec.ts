import { peakResidentMb } from './memory-probe';

describe('peakResidentMb', () => {
  it.each([
    ['Name:\tnode\nVmPeak:\t  900000 kB\nVmHWM:\t   41984 kB\nVmRSS:\t 40000 kB\n', 41],
    ['VmHWM:\t   41985 kB\n', 42],
    ['Name:\tnode\n', undefined],
  ])('reads %j as %p MB', (status, mb) => {
    expect(peakResidentMb(status)).toBe(mb);
  });
});
