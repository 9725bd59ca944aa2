import { RecordBuffer } from './record-buffer';

describe('RecordBuffer', () => {
  it.each([
    ['takes in order, in batches', 10, [[1, 2, 3]], 2, [1, 2], [3], 0],
    [
      'drops the oldest beyond capacity',
      3,
      [
        [1, 2],
        [3, 4, 5],
      ],
      10,
      [3, 4, 5],
      [],
      2,
    ],
    ['take on empty gives nothing', 3, [], 5, [], [], 0],
  ])('%s', (_name, capacity, adds, batch, taken, left, dropped) => {
    const buffer = new RecordBuffer<number>(capacity);
    for (const records of adds) buffer.add(...records);
    expect(buffer.take(batch)).toEqual(taken);
    expect(buffer.take(100)).toEqual(left);
    expect(buffer.takeDropped()).toBe(dropped);
    expect(buffer.takeDropped()).toBe(0);
  });

  it('puts a failed batch back in front of newer records, within capacity', () => {
    const buffer = new RecordBuffer<number>(4);
    buffer.add(1, 2, 3);
    const batch = buffer.take(2);
    buffer.add(4, 5);
    buffer.putBack(batch);
    expect(buffer.size).toBe(4);
    expect(buffer.take(10)).toEqual([2, 3, 4, 5]);
    expect(buffer.takeDropped()).toBe(1);
  });
});
