import { LogRegistry } from './log-registry';

describe('LogRegistry bounds', () => {
  it('keeps at most maxStreams streams, forgetting the least recently used', () => {
    const registry = new LogRegistry('r', { maxGroups: 10, maxStreams: 3 });
    for (const name of ['a', 'b', 'c']) registry.createStream('/aws/lambda/f', name, 1);
    registry.recordEvents('/aws/lambda/f', 'a', [{ timestamp: 1, message: 'm' }], 2);
    registry.createStream('/aws/lambda/f', 'd', 3);
    expect(registry.size()).toEqual({ groups: 1, streams: 3 });
    const names = registry.describeStreams('/aws/lambda/f').map((s) => s.logStreamName);
    expect(names).toEqual(['a', 'c', 'd']);
  });

  it('keeps at most maxGroups groups and drops their streams with them', () => {
    const registry = new LogRegistry('r', { maxGroups: 2, maxStreams: 100 });
    registry.createStream('g1', 's', 1);
    registry.createStream('g2', 's', 1);
    registry.createStream('g3', 's', 1);
    expect(registry.size()).toEqual({ groups: 2, streams: 2 });
    expect(registry.describeGroups().map((g) => g.logGroupName)).toEqual(['g2', 'g3']);
  });

  it('stays bounded under 4,000 CreateLogStream calls', () => {
    const registry = new LogRegistry('r');
    for (let i = 0; i < 4_000; i += 1) registry.createStream(`g${i % 1500}`, `s${i}`, i);
    expect(registry.size().groups).toBeLessThanOrEqual(1_000);
    const small = new LogRegistry('r', { maxGroups: 5, maxStreams: 50 });
    for (let i = 0; i < 4_000; i += 1) small.createStream('g', `s${i}`, i);
    expect(small.size()).toEqual({ groups: 1, streams: 50 });
  });
});
