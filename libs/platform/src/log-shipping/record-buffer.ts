/**
 * Records waiting to be sent: bounded (the oldest are dropped first, and counted), taken in
 * batches, and put back at the front when a send fails.
 */
export class RecordBuffer<T> {
  private items: T[] = [];
  private droppedCount = 0;

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.items.length;
  }

  /** Records dropped since the last call. */
  takeDropped(): number {
    const count = this.droppedCount;
    this.droppedCount = 0;
    return count;
  }

  add(...records: T[]): void {
    this.items.push(...records);
    this.trim();
  }

  take(max: number): T[] {
    return this.items.splice(0, max);
  }

  putBack(records: T[]): void {
    this.items.unshift(...records);
    this.trim();
  }

  private trim(): void {
    const excess = this.items.length - this.capacity;
    if (excess > 0) {
      this.items.splice(0, excess);
      this.droppedCount += excess;
    }
  }
}
